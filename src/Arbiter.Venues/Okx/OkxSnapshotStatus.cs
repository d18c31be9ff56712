namespace Arbiter.Venues.Okx;

/// <summary>What <see cref="OkxParser.TryParseSnapshot"/> made of a REST order book answer.</summary>
public enum OkxSnapshotStatus : byte
{
    /// <summary>A book with its <c>seqId</c>.</summary>
    Ok = 0,

    /// <summary><c>code</c> other than "0": OKX refused the request.</summary>
    VenueError,

    /// <summary>A book without <c>seqId</c>: it cannot be bridged to the WebSocket updates.</summary>
    NoSequence,

    /// <summary>Bad JSON, wrong types, missing fields or bad numbers.</summary>
    Malformed,
}
