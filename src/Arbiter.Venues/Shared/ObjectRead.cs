namespace Arbiter.Venues;

/// <summary>How a parser with a <see cref="LevelTailScanner"/> fast path finished reading an object.</summary>
internal enum ObjectRead : byte
{
    /// <summary>Read to its end.</summary>
    Done,

    /// <summary>A wrong type or invalid value.</summary>
    Malformed,

    /// <summary>Stopped at the bid array of a book frame: the rest goes to <see cref="LevelTailScanner"/>.</summary>
    FastTail,
}
