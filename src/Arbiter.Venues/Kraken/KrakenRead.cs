namespace Arbiter.Venues.Kraken;

/// <summary>How <see cref="KrakenParser"/> finished reading a message or its book element.</summary>
internal enum KrakenRead : byte
{
    /// <summary>Read to its end.</summary>
    Done,

    /// <summary>A wrong type or invalid value.</summary>
    Malformed,

    /// <summary>Stopped at the bid array of a watched book: the rest goes to <see cref="KrakenLevelScanner"/>.</summary>
    FastTail,
}
