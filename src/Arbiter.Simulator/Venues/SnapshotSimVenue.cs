using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// A simulated venue whose every orderbook message is a full top-N book of one code, Upbit-shaped (Upbit REFERENCE §5,
/// Bithumb's current API §6): markets "KRW-{ASSET}"; every step, each code whose published view changed gets one
/// "REALTIME" message with a timestamp strictly increasing per code, which is the message's identity for truth look-ups;
/// a subscription is answered with one "SNAPSHOT" per code of the latest published version. Frames go out as binary
/// WebSocket frames of UTF-8 JSON, as both venues send them. The venues differ in spelling (<see cref="OrderbookUnitsStyle"/>),
/// timestamp unit, code suffixes, request validation and REST, which the derived classes give.
/// </summary>
public abstract class SnapshotSimVenue : SimVenue
{
    private static readonly Dictionary<string, (string Korean, string English)> Names = new(StringComparer.Ordinal)
    {
        ["BTC"] = ("비트코인", "Bitcoin"),
        ["ETH"] = ("이더리움", "Ethereum"),
        ["XRP"] = ("엑스알피(리플)", "XRP"),
        ["USDT"] = ("테더", "Tether"),
    };

    /// <summary><see cref="FaultKind.BadTick"/>, which only a full-book-per-message venue can send without breaking a client's sync.</summary>
    private static readonly IReadOnlySet<FaultKind> QualityFaults = new HashSet<FaultKind> { FaultKind.BadTick };

    private readonly OrderbookUnitsStyle style;
    private readonly long timestampUnitMicros;
    private readonly int? sizeDecimals;

    /// <param name="venue">Which venue.</param>
    /// <param name="model">The market.</param>
    /// <param name="options">The simulation's options.</param>
    /// <param name="startMicros">The start; the first version of every code has this time.</param>
    /// <param name="publishedLevels">Levels per side published.</param>
    /// <param name="style">The venue's JSON spelling.</param>
    /// <param name="timestampUnitMicros">The unit of the message timestamp: 1000 (ms, Upbit) or 1 (µs, Bithumb).</param>
    /// <param name="sizeDecimals">Decimals the venue prints sizes with (rounded half away from zero; a size that rounds to 0 is sent as 0 and is no level of the truth); null = the model's own.</param>
    private protected SnapshotSimVenue(
        VenueId venue,
        MarketModel model,
        SimulatorOptions options,
        long startMicros,
        int publishedLevels,
        OrderbookUnitsStyle style,
        long timestampUnitMicros,
        int? sizeDecimals)
        : base(venue, model, options, CodesOf(venue, model), startMicros)
    {
        this.style = style;
        this.timestampUnitMicros = timestampUnitMicros;
        this.sizeDecimals = sizeDecimals;
        PublishedLevels = publishedLevels;
        for (var i = 0; i < Symbols.Count; i++)
        {
            var book = model.Book(venue, i);
            var (bids, asks) = Published(book);
            InitTruth(i, new BookVersion(startMicros / timestampUnitMicros, startMicros, bids, asks, book.PriceScale, book.QuantityScale));
        }
    }

    /// <summary>Levels per side that the venue publishes (and the truth holds); requests for more get this many.</summary>
    public int PublishedLevels { get; }

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => true;

    /// <inheritdoc/>
    public override IReadOnlySet<FaultKind> DataQualityFaults => QualityFaults;

    /// <summary>Parses a requested code such as "KRW-BTC.15" into the code and the units it receives (at most <see cref="PublishedLevels"/>); false for an unknown code.</summary>
    public abstract bool TryParseCode(string requested, out string code, out int depth);

    /// <summary>The bytes of <paramref name="output"/> for a subscriber of <paramref name="depth"/> units: the same frame re-formatted with fewer units (garbage is sent as is).</summary>
    public byte[] FormatForDepth(SimOutput output, int depth)
    {
        ArgumentNullException.ThrowIfNull(output);
        var version = output.Version;
        if (version is null || output.Malformation is not null || depth >= Math.Min(version.Bids.Length, version.Asks.Length))
        {
            return output.Bytes;
        }

        return OrderbookUnitsFrames.Orderbook(style, output.Symbol, version, depth, output.StreamType);
    }

    /// <summary>The first messages after a subscription: one "SNAPSHOT" per requested code (e.g. "KRW-BTC.15"), of the latest published version.</summary>
    public IReadOnlyList<SimOutput> SubscribeFrames(IEnumerable<string> requestedCodes)
    {
        ArgumentNullException.ThrowIfNull(requestedCodes);
        var parsed = new List<(string, int)>();
        foreach (var requested in requestedCodes)
        {
            if (!TryParseCode(requested, out var code, out var depth))
            {
                throw new ArgumentException($"Unknown {Venue.Name()} code '{requested}'.", nameof(requestedCodes));
            }

            parsed.Add((code, depth));
        }

        return SnapshotFrames(parsed);
    }

    internal IReadOnlyList<SimOutput> SnapshotFrames(IEnumerable<(string Code, int Depth)> codes)
    {
        var result = new List<SimOutput>();
        foreach (var (code, depth) in codes)
        {
            var index = RequireSymbol(code);
            BookVersion version;
            lock (Gate)
            {
                version = Latest(index);
            }

            var bytes = OrderbookUnitsFrames.Orderbook(style, code, version, depth, "SNAPSHOT");
            result.Add(SimOutput.Frame(Venue, code, code, bytes, bytes, version.Sequence, version.Sequence, version, "SNAPSHOT"));
        }

        return result;
    }

    private protected override SimOutput? BuildFrame(int index, long nowMicros)
    {
        var book = Model.Book(Venue, index);
        var (bids, asks) = Published(book);
        var previous = Latest(index);
        if (BookDiff.Same(previous.Bids, bids) && BookDiff.Same(previous.Asks, asks))
        {
            return null; // the published view did not change: nothing is sent
        }

        var timestamp = Math.Max(nowMicros / timestampUnitMicros, previous.Sequence + 1); // strictly increasing per code
        var version = new BookVersion(timestamp, nowMicros, bids, asks, book.PriceScale, book.QuantityScale);
        AddTruth(index, version);
        var code = Symbols[index];
        var bytes = OrderbookUnitsFrames.Orderbook(style, code, version, PublishedLevels, "REALTIME");
        return SimOutput.Frame(Venue, code, code, bytes, bytes, timestamp, timestamp, version, "REALTIME");
    }

    private protected override SimOutput BuildMalformed(SimOutput real, MalformedVariant variant, Random random)
    {
        var bytes = variant switch
        {
            MalformedVariant.Truncated => SimJson.Truncate(real.Bytes, random.Next(1, real.Bytes.Length)),
            MalformedVariant.InvalidUtf8 => SimJson.PoisonAfter(real.Bytes, "\"code\":\""u8),
            _ => OrderbookUnitsFrames.Orderbook(style, real.Symbol, real.Version!, PublishedLevels, real.StreamType, variant),
        };
        return real.Malformed(bytes, bytes, variant);
    }

    /// <summary>
    /// The bad tick: the same message (code, timestamp, stream type, unit count, sizes) but a nonsense book: the best bid at
    /// 40 % of the true best bid and the best ask at 160 % of the true best ask, the other levels one tick apart behind them.
    /// Well-formed and not crossed, so only a data-quality check catches it; the truth keeps the real version.
    /// </summary>
    private protected override SimOutput BuildBadTick(SimOutput real)
    {
        var version = real.Version!;
        var tick = Model.Book(Venue, RequireSymbol(real.Symbol)).TickUnits;
        var bids = new Level[version.Bids.Length];
        var asks = new Level[version.Asks.Length];
        var bidTop = version.Bids.Length > 0 ? Math.Max(tick * (bids.Length + 1), version.Bids[0].Price * 2 / 5 / tick * tick) : 0;
        var askTop = version.Asks.Length > 0 ? ((version.Asks[0].Price * 8 / 5) + tick - 1) / tick * tick : 0;
        for (var i = 0; i < bids.Length; i++)
        {
            bids[i] = version.Bids[i] with { Price = bidTop - (i * tick) };
        }

        for (var i = 0; i < asks.Length; i++)
        {
            asks[i] = version.Asks[i] with { Price = askTop + (i * tick) };
        }

        var bad = new BookVersion(version.Sequence, version.TimestampMicros, bids, asks, version.PriceScale, version.QuantityScale);
        var bytes = OrderbookUnitsFrames.Orderbook(style, real.Symbol, bad, PublishedLevels, real.StreamType);
        return SimOutput.Frame(Venue, real.Symbol, real.Stream, bytes, bytes, real.FirstSequence, real.Sequence, bad, real.StreamType).Tagged(FaultKind.BadTick);
    }

    /// <summary>The REST orderbook array of the given codes' latest published versions, at most <paramref name="depth"/> units each.</summary>
    private protected byte[] RestOrderbooks(IReadOnlyList<int> indexes, int depth)
    {
        var body = new List<byte>(4096) { (byte)'[' };
        for (var k = 0; k < indexes.Count; k++)
        {
            BookVersion version;
            lock (Gate)
            {
                version = Latest(indexes[k]);
            }

            if (k > 0)
            {
                body.Add((byte)',');
            }

            body.AddRange(OrderbookUnitsFrames.Orderbook(style, Symbols[indexes[k]], version, depth, streamType: null));
        }

        body.Add((byte)']');
        return [.. body];
    }

    /// <summary>The Korean and English names of <paramref name="asset"/> in the market lists (the code itself when not known).</summary>
    private protected static (string Korean, string English) NamesOf(string asset) => Names.TryGetValue(asset, out var n) ? n : (asset, asset);

    private static string[] CodesOf(VenueId venue, MarketModel model)
    {
        var codes = new string[model.Listed(venue).Count];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = SimListings.Symbol(venue, model.Listed(venue)[i].Code);
        }

        return codes;
    }

    /// <summary>The top levels the venue publishes, as many on each side (units pair an ask with a bid), sizes as printed.</summary>
    private (Level[] Bids, Level[] Asks) Published(SimBook book)
    {
        var bids = book.BidsArray(PublishedLevels);
        var asks = book.AsksArray(PublishedLevels);
        var n = Math.Min(bids.Length, asks.Length);
        return (AsPrinted(bids.Length == n ? bids : bids[..n], book.QuantityScale), AsPrinted(asks.Length == n ? asks : asks[..n], book.QuantityScale));
    }

    /// <summary>The levels with their sizes rounded to <see cref="sizeDecimals"/> (half away from zero), in place.</summary>
    private Level[] AsPrinted(Level[] levels, int quantityScale)
    {
        if (sizeDecimals is not { } decimals || decimals >= quantityScale)
        {
            return levels;
        }

        var step = FixedPoint.Pow10(quantityScale - decimals);
        for (var i = 0; i < levels.Length; i++)
        {
            var q = levels[i].Quantity;
            levels[i] = levels[i] with { Quantity = (q + (step / 2)) / step * step };
        }

        return levels;
    }
}
