namespace Arbiter.Venues.Bybit;

/// <summary>How <see cref="BybitParser"/> finished reading an object.</summary>
internal enum BybitObjectRead : byte
{
    /// <summary>Read to its end.</summary>
    Done,

    /// <summary>A wrong type or invalid value.</summary>
    Malformed,

    /// <summary>Stopped at the bid array of a watched book: the rest of the message goes to <see cref="BybitLevelScanner"/>.</summary>
    FastTail,
}
