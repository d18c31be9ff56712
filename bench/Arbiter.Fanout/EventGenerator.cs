using System.Diagnostics;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Fanout;

/// <summary>
/// Feeds the hub at a steady rate from its own thread, paced by <see cref="Stopwatch"/> in bursts every ~1 ms: book-top
/// changes for <see cref="Instruments"/> instruments across the 8 venues (one top per output, <c>Time</c> = emission time),
/// and every 100th event an opportunity event (cycling opened → updated → closed). Counts exactly the events whose time
/// falls in the <see cref="MeasureWindow"/>.
/// </summary>
internal sealed class EventGenerator : IDisposable
{
    /// <summary>One event in this many is an opportunity event.</summary>
    public const int OpportunityEvery = 100;

    private static readonly string[] AssetCodes =
    [
        "BTC", "ETH", "XRP", "SOL", "DOGE", "ADA", "TRX", "LINK", "AVAX", "DOT", "BCH", "LTC", "ETC",
        "XLM", "ATOM", "NEAR", "APT", "ARB", "OP", "SUI", "FIL", "HBAR", "SAND", "AAVE", "UNI",
    ];

    private readonly ApiHub hub;
    private readonly int rate;
    private readonly MeasureWindow window = new();
    private readonly Instrument[] instruments;
    private readonly Opportunity[] templates;
    private readonly Thread thread;
    private readonly Random random = new(1);
    private volatile bool stopping;
    private long lastTime;
    private long emitted;
    private long inWindow;
    private long openedOrClosedInWindow;
    private long opportunityEvents;

    public EventGenerator(ApiHub hub, int rate)
    {
        this.hub = hub;
        this.rate = rate;
        var catalog = new InstrumentCatalog();
        var list = new List<Instrument>();
        foreach (var code in AssetCodes)
        {
            foreach (var venue in VenueNames.All)
            {
                var quote = venue switch
                {
                    VenueId.Upbit or VenueId.Bithumb => Asset.Krw,
                    VenueId.Coinbase or VenueId.Kraken => Asset.Usd,
                    _ => Asset.Usdt,
                };
                var krw = quote == Asset.Krw;
                list.Add(catalog.Add(new Instrument(venue, $"{code}-{quote.Code}", Asset.Of(code), quote, krw ? 0 : 2, 8)));
            }
        }

        instruments = [.. list];
        templates = new Opportunity[AssetCodes.Length];
        for (var a = 0; a < AssetCodes.Length; a++)
        {
            templates[a] = Template(instruments[a * VenueNames.Count], instruments[(a * VenueNames.Count) + (int)VenueId.Upbit]);
        }

        thread = new Thread(Run) { IsBackground = true, Name = "fanout-generator" };
    }

    /// <summary>Instruments whose tops change (25 assets × 8 venues).</summary>
    public int Instruments => instruments.Length;

    /// <summary>Events applied since start.</summary>
    public long Emitted => Interlocked.Read(ref emitted);

    /// <summary>The time of the last event applied (unix µs).</summary>
    public long LastTime => Interlocked.Read(ref lastTime);

    /// <summary>Events whose time fell in the window.</summary>
    public long InWindow => Interlocked.Read(ref inWindow);

    /// <summary>opportunity.opened/closed events whose time fell in the window.</summary>
    public long OpenedOrClosedInWindow => Interlocked.Read(ref openedOrClosedInWindow);

    /// <summary>Set when <see cref="ApiHub.Apply"/> threw: the generator stops.</summary>
    public Exception? Failure { get; private set; }

    public void Start() => thread.Start();

    /// <summary>Counts from zero the events stamped in <c>[start, end)</c> (unix µs, in the future; the previous window has passed).</summary>
    public void BeginWindow(long start, long end)
    {
        Interlocked.Exchange(ref inWindow, 0);
        Interlocked.Exchange(ref openedOrClosedInWindow, 0);
        window.Set(start, end);
    }

    /// <summary>Waits until an event stamped at or after <paramref name="time"/> was applied (so every event before it is counted).</summary>
    public async Task WaitPastAsync(long time, CancellationToken cancellationToken)
    {
        while (LastTime < time)
        {
            if (Failure is not null || stopping)
            {
                throw new InvalidOperationException("The event generator stopped.", Failure);
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        stopping = true;
        if (thread.IsAlive)
        {
            thread.Join();
        }
    }

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        long count = 0;
        try
        {
            while (!stopping)
            {
                var due = clock.ElapsedTicks * rate / Stopwatch.Frequency;
                while (count < due && !stopping)
                {
                    Emit(count++);
                }

                Thread.Sleep(1);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Failure = ex;
            stopping = true;
        }
    }

    private void Emit(long index)
    {
        var time = Math.Max(UnixMicros.Now(TimeProvider.System), lastTime + 1);
        HostOutput output;
        var openedOrClosed = false;
        if (index % OpportunityEvery == OpportunityEvery - 1)
        {
            var k = opportunityEvents++;
            var template = templates[(int)(k / 3 % templates.Length)];
            var opportunity = template with { Id = (k / 3) + 1, FirstSeen = time, LastUpdated = time };
            var kind = (k % 3) switch
            {
                0 => OpportunityEventKind.Opened,
                1 => OpportunityEventKind.Updated,
                _ => OpportunityEventKind.Closed,
            };
            openedOrClosed = kind != OpportunityEventKind.Updated;
            output = new HostOutput(time, Opportunity: new OpportunityEvent(kind, time, opportunity, kind == OpportunityEventKind.Closed ? "vanished" : null));
        }
        else
        {
            var instrument = instruments[random.Next(instruments.Length)];
            var krw = instrument.Quote == Asset.Krw;
            var bid = (krw ? 150_000_000L : 10_000_000L) + random.Next(1000);
            var ask = bid + 1 + random.Next(10);
            var top = new BookTop(instrument, BookSyncState.Synced, BookInvalidReason.None, bid, 1 + random.Next(100_000_000), ask, 1 + random.Next(100_000_000), index, time);
            output = new HostOutput(time, Tops: [top]);
        }

        hub.Apply(output);
        if (window.Contains(time))
        {
            Interlocked.Increment(ref inWindow);
            if (openedOrClosed)
            {
                Interlocked.Increment(ref openedOrClosedInWindow);
            }
        }

        Interlocked.Increment(ref emitted);
        Interlocked.Exchange(ref lastTime, time);
    }

    private static Opportunity Template(Instrument buy, Instrument sell) => new()
    {
        Id = 1,
        Asset = buy.Base,
        Buy = buy,
        Sell = sell,
        Size = 0.5m,
        AverageBuyPrice = 100000m,
        AverageSellPrice = 140000000m,
        BuyLevels = 1,
        SellLevels = 2,
        GrossProfitUsd = 10m,
        NetProfitUsd = 9.5m,
        NetPremiumBps = 12.5m,
        BuyFeeRate = 0.001m,
        SellFeeRate = 0.0005m,
        BuyFxRate = 1m,
        SellFxRate = 1391.5m,
        BuySequence = 11,
        SellSequence = 22,
        FirstSeen = 0,
        LastUpdated = 0,
        PeakNetProfitUsd = 9.5m,
        PeakNetPremiumBps = 12.5m,
        Transfer = TransferQuote.None("no-wallet-status"),
    };
}
