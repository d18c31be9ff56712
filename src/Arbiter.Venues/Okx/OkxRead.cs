namespace Arbiter.Venues.Okx;

/// <summary>How far the parser's reader got through a message.</summary>
internal enum OkxRead : byte
{
    /// <summary>The whole message was read.</summary>
    Done,

    /// <summary>Stopped on the first level array of a watched book: <see cref="OkxTailScanner"/> takes over.</summary>
    FastTail,

    /// <summary>Not the canonical shape: parse again without the fast path.</summary>
    Retry,

    /// <summary>Invalid.</summary>
    Malformed,
}
