using Arbiter.Core;

namespace Arbiter.Venues.Coinbase;

/// <summary>
/// One parsed Coinbase message, reused from frame to frame: the envelope's <c>sequence_num</c> and <c>timestamp</c>, and
/// for <c>l2_data</c> one <see cref="MarketEvent"/> per event about a watched product (a message may carry several
/// products). Each event has <see cref="MarketEvent.Kind"/> BookSnapshot or BookDelta, its instrument, the levels at the
/// instrument's scales, and <see cref="MarketEvent.Sequence"/> = <see cref="MarketEvent.ExchangeTime"/> = the timestamp.
/// </summary>
/// <remarks>The event objects and their level lists grow to the largest message seen and are then reused: no allocation per frame.</remarks>
public sealed class CoinbaseFrame
{
    private MarketEvent[] events = [new(), new()];

    /// <summary>True when the envelope carried a valid <c>sequence_num</c>.</summary>
    public bool HasSequence { get; internal set; }

    /// <summary>The envelope's <c>sequence_num</c>: per connection, across all channels.</summary>
    public long SequenceNum { get; internal set; }

    /// <summary>The envelope's <c>timestamp</c> in unix microseconds (sub-microsecond digits truncated); 0 when absent.</summary>
    public long Timestamp { get; internal set; }

    /// <summary>Events about watched products (l2_data only).</summary>
    public int Count { get; private set; }

    /// <summary>Events about products that are not watched (skipped).</summary>
    public int UnknownProducts { get; internal set; }

    public MarketEvent this[int index] => (uint)index < (uint)Count ? events[index] : throw new ArgumentOutOfRangeException(nameof(index));

    internal void Clear()
    {
        HasSequence = false;
        SequenceNum = 0;
        Timestamp = 0;
        Count = 0;
        UnknownProducts = 0;
    }

    /// <summary>The next event, cleared.</summary>
    internal MarketEvent Add()
    {
        if (Count == events.Length)
        {
            var grown = new MarketEvent[events.Length * 2];
            events.CopyTo(grown, 0);
            for (var i = events.Length; i < grown.Length; i++)
            {
                grown[i] = new MarketEvent();
            }

            events = grown;
        }

        var e = events[Count++];
        e.Kind = MarketEventKind.BookDelta;
        e.Instrument = null;
        e.Sequence = 0;
        e.ExchangeTime = 0;
        e.Bids.Clear();
        e.Asks.Clear();
        return e;
    }

    /// <summary>Forgets the last event added (it was about a product that is not watched).</summary>
    internal void RemoveLast() => Count--;

    /// <summary>Stamps every event with the envelope's timestamp (it may come after the events in the text).</summary>
    internal void StampEvents()
    {
        for (var i = 0; i < Count; i++)
        {
            events[i].Sequence = Timestamp;
            events[i].ExchangeTime = Timestamp;
        }
    }
}
