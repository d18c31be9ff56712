namespace Arbiter.Venues.Binance;

/// <summary>How <see cref="BinanceParser"/> finished reading an object.</summary>
internal enum ObjectRead : byte
{
    /// <summary>Read to its end.</summary>
    Done,

    /// <summary>A wrong type or invalid value.</summary>
    Malformed,

    /// <summary>Stopped at the bid array of a depthUpdate: the rest goes to <see cref="BinanceLevelScanner"/>.</summary>
    FastTail,
}
