using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// Parses a venue's REST book snapshot into <paramref name="bids"/> and <paramref name="asks"/> (best first, zero quantities
/// skipped) with the update id it is valid at and its exchange time in unix µs (0 when the venue sends none). False when
/// anything is missing or invalid.
/// </summary>
internal delegate bool BookSnapshotParser(ReadOnlySpan<byte> body, Instrument instrument, LevelList bids, LevelList asks, out long updateId, out long exchangeTime);
