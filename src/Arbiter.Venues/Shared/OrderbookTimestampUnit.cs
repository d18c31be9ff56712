namespace Arbiter.Venues;

/// <summary>How an Upbit-shaped <c>orderbook</c> message spells its <c>timestamp</c>.</summary>
public enum OrderbookTimestampUnit : byte
{
    /// <summary>A JSON integer in milliseconds (Upbit).</summary>
    Milliseconds = 0,

    /// <summary>
    /// A JSON integer, or a string of digits, in milliseconds (13 digits) or microseconds (16 digits), told apart by
    /// magnitude (Bithumb: its socket sends 16-digit µs, its documentation and REST say ms, ccxt's sample quotes it).
    /// </summary>
    MillisecondsOrMicroseconds,
}
