using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One outgoing item of a simulation step for one venue: a WebSocket message for a stream (bytes, possibly
/// invalid UTF-8 when a fault says so; sent as text by Binance, binary by Upbit), a disconnect, or a stall
/// notice. The byte arrays are shared: do not modify them.
/// </summary>
public sealed class SimOutput
{
    private SimOutput(SimOutputKind kind, VenueId venue, string symbol, string stream, byte[] bytes, byte[] rawBytes, long firstSequence, long sequence)
    {
        Kind = kind;
        Venue = venue;
        Symbol = symbol;
        Stream = stream;
        Bytes = bytes;
        RawBytes = rawBytes;
        FirstSequence = firstSequence;
        Sequence = sequence;
    }

    public SimOutputKind Kind { get; }

    public VenueId Venue { get; }

    /// <summary>Venue symbol ("BTCUSDT", "KRW-BTC"); empty for venue-wide items.</summary>
    public string Symbol { get; }

    /// <summary>The venue's stream or symbol (Binance "btcusdt@depth@100ms", Upbit "KRW-BTC", Bybit "orderbook.50.BTCUSDT", Kraken "BTC/USD"...); "heartbeat" or empty for venue-wide items.</summary>
    public string Stream { get; }

    /// <summary>The frame as sent: Binance's combined-stream form <c>{"stream":..,"data":..}</c>, or the Upbit message.</summary>
    public byte[] Bytes { get; }

    /// <summary>Binance's raw <c>/ws/</c> form (the payload without the wrapper); for Upbit the same array as <see cref="Bytes"/>.</summary>
    public byte[] RawBytes { get; }

    /// <summary>Binance <c>U</c> (first update id of the diff); Upbit: the timestamp, as <see cref="Sequence"/>; Coinbase: the product's message number (1, 2, …), by which a connection sees the messages it was not sent.</summary>
    public long FirstSequence { get; }

    /// <summary>The key of the truth this frame carries, as the adapter reports it in MarketEvent.Sequence (Binance/Bybit/Gate.io <c>u</c>, OKX seqId, a timestamp elsewhere). 0 for venue-wide items.</summary>
    public long Sequence { get; }

    /// <summary>For <see cref="SimOutputKind.Stall"/>: how long the venue stays silent.</summary>
    public TimeSpan StallDuration { get; private init; }

    /// <summary>The fault that produced or altered this item: the second copy of a Duplicate, the late frame of a Reorder, the garbage of a MalformedFrame, the frame that crossed the book, a Disconnect or a Stall; null for ordinary frames.</summary>
    public FaultKind? Fault { get; private init; }

    /// <summary>For MalformedFrame garbage: how it was corrupted.</summary>
    public MalformedVariant? Malformation { get; private init; }

    /// <summary>Upbit, Bithumb: "SNAPSHOT" for the first message after subscribing, otherwise "REALTIME"; Bybit: "delta", or "snapshot" for a restart (u = 1); empty for Binance.</summary>
    public string StreamType { get; private init; } = "";

    /// <summary>The published version this frame carries (for re-formatting at another Upbit depth); null for garbage and venue-wide items.</summary>
    internal BookVersion? Version { get; private init; }

    internal static SimOutput Frame(VenueId venue, string symbol, string stream, byte[] bytes, byte[] rawBytes, long firstSequence, long sequence, BookVersion version, string streamType = "") =>
        new(SimOutputKind.Frame, venue, symbol, stream, bytes, rawBytes, firstSequence, sequence) { Version = version, StreamType = streamType };

    /// <summary>A venue-wide message (Kraken's heartbeat): no symbol, no sequence, no truth; sessions decide who gets it.</summary>
    internal static SimOutput VenueFrame(VenueId venue, string stream, byte[] bytes) =>
        new(SimOutputKind.Frame, venue, "", stream, bytes, bytes, 0, 0);

    internal static SimOutput Disconnect(VenueId venue) =>
        new(SimOutputKind.Disconnect, venue, "", "", [], [], 0, 0) { Fault = FaultKind.DroppedConnection };

    internal static SimOutput Stall(VenueId venue, TimeSpan duration) =>
        new(SimOutputKind.Stall, venue, "", "", [], [], 0, 0) { Fault = FaultKind.SilentStall, StallDuration = duration };

    /// <summary>A copy carrying the same bytes, tagged with <paramref name="fault"/>.</summary>
    internal SimOutput Tagged(FaultKind fault) =>
        new(Kind, Venue, Symbol, Stream, Bytes, RawBytes, FirstSequence, Sequence) { Version = Version, StreamType = StreamType, Fault = fault, Malformation = Malformation };

    /// <summary>Garbage derived from this frame, keeping its routing and sequence.</summary>
    internal SimOutput Malformed(byte[] bytes, byte[] rawBytes, MalformedVariant variant) =>
        new(Kind, Venue, Symbol, Stream, bytes, rawBytes, FirstSequence, Sequence) { StreamType = StreamType, Fault = FaultKind.MalformedFrame, Malformation = variant };

    public override string ToString() => Kind == SimOutputKind.Frame
        ? $"{Venue.Name()} {Stream} {FirstSequence}..{Sequence}{(Fault is { } f ? " " + f : "")}"
        : $"{Venue.Name()} {Kind}";
}
