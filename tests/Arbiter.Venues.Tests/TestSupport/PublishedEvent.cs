using Arbiter.Core;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A copy of a published <see cref="MarketEvent"/> (the original goes back to its pool).</summary>
internal sealed record PublishedEvent(
    MarketEventKind Kind,
    VenueId Venue,
    Instrument? Instrument,
    long Sequence,
    long ExchangeTime,
    long ReceiveTime,
    BookInvalidReason Reason,
    ConnectionState Connection,
    int Depth,
    Level[] Bids,
    Level[] Asks)
{
    public static PublishedEvent Of(MarketEvent e) =>
        new(e.Kind, e.Venue, e.Instrument, e.Sequence, e.ExchangeTime, e.ReceiveTime, e.Reason, e.Connection, e.Depth, e.Bids.Span.ToArray(), e.Asks.Span.ToArray());

    public override string ToString() => $"{Kind} {Instrument?.Symbol} seq={Sequence} reason={Reason} conn={Connection} bids={Bids.Length} asks={Asks.Length}";
}
