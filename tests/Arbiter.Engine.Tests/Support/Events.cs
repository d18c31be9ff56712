using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>Builds market events from decimal text, the way an adapter fills them from a frame.</summary>
internal static class Events
{
    public const long Second = 1_000_000;

    /// <summary>A fixed base time (2026-01-01T00:00:00Z) plus <paramref name="seconds"/>.</summary>
    public static long At(double seconds) => 1_767_225_600_000_000L + (long)(seconds * Second);

    public static (string Price, string Quantity)[] Levels(params (string Price, string Quantity)[] levels) => levels;

    public static MarketEvent Snapshot(Instrument instrument, long sequence, long time, (string Price, string Quantity)[] bids, (string Price, string Quantity)[] asks, int depth = 0)
    {
        var e = Book(MarketEventKind.BookSnapshot, instrument, sequence, time, bids, asks);
        e.Depth = depth;
        return e;
    }

    public static MarketEvent Delta(Instrument instrument, long sequence, long time, (string Price, string Quantity)[] bids, (string Price, string Quantity)[] asks) =>
        Book(MarketEventKind.BookDelta, instrument, sequence, time, bids, asks);

    public static MarketEvent Invalidated(Instrument instrument, long time, BookInvalidReason reason) =>
        new() { Kind = MarketEventKind.BookInvalidated, Venue = instrument.Venue, Instrument = instrument, ReceiveTime = time, Reason = reason };

    public static MarketEvent Syncing(Instrument instrument, long time) =>
        new() { Kind = MarketEventKind.BookSyncing, Venue = instrument.Venue, Instrument = instrument, ReceiveTime = time };

    public static MarketEvent Fx(decimal usdKrw, long time, string source = "http: test") =>
        new() { Kind = MarketEventKind.FxQuote, ReceiveTime = time, Fx = new FxQuote(Asset.Usd, Asset.Krw, usdKrw, time, source) };

    public static MarketEvent Wallets(VenueId venue, long time, params AssetWallet[] assets) =>
        new() { Kind = MarketEventKind.WalletStatus, Venue = venue, ReceiveTime = time, Wallets = new WalletSnapshot(venue, time, assets, "test") };

    public static MarketEvent Tick(long time) => new() { Kind = MarketEventKind.Tick, ReceiveTime = time };

    public static MarketEvent Connection(VenueId venue, ConnectionState state, long time) =>
        new() { Kind = MarketEventKind.ConnectionChanged, Venue = venue, Connection = state, ReceiveTime = time };

    private static MarketEvent Book(MarketEventKind kind, Instrument instrument, long sequence, long time, (string Price, string Quantity)[] bids, (string Price, string Quantity)[] asks)
    {
        var e = new MarketEvent
        {
            Kind = kind,
            Venue = instrument.Venue,
            Instrument = instrument,
            Sequence = sequence,
            ExchangeTime = time - 1_000,
            ReceiveTime = time,
        };
        foreach (var (price, quantity) in bids)
        {
            e.Bids.Add(FixedPoint.Parse(price, instrument.PriceScale), FixedPoint.Parse(quantity, instrument.QuantityScale));
        }

        foreach (var (price, quantity) in asks)
        {
            e.Asks.Add(FixedPoint.Parse(price, instrument.PriceScale), FixedPoint.Parse(quantity, instrument.QuantityScale));
        }

        return e;
    }
}
