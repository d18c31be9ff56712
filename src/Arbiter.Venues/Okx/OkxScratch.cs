using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>The reused parse targets of one OKX protocol, shared by its books (everything runs under the ingest gate).</summary>
internal sealed class OkxScratch
{
    /// <summary>The frame being handled (a WebSocket push, or a buffered one replayed after a REST snapshot).</summary>
    public MarketEvent Frame { get; } = new();

    public OkxLevelSpellings FrameSpellings { get; } = new();

    /// <summary>The levels of a REST snapshot (up to 400 per side).</summary>
    public LevelList SnapshotBids { get; } = new(512);

    public LevelList SnapshotAsks { get; } = new(512);

    public OkxLevelSpellings SnapshotSpellings { get; } = new();

    /// <summary>instId → watched instrument, set when the market list arrives.</summary>
    public Utf8SymbolMap<Instrument> Symbols { get; set; } = new();
}
