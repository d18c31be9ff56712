namespace Arbiter.Simulator;

/// <summary>What a simulated OKX <c>books</c> subscription receives first (OKX is withdrawing its WebSocket snapshot in 2026, REFERENCE §7).</summary>
public enum SimWsSnapshot
{
    /// <summary>The full snapshot push (<c>"action":"snapshot"</c>, prevSeqId -1), then updates: OKX before the change.</summary>
    Full = 0,

    /// <summary>A snapshot push without levels, then updates: the client must ignore it and bridge with the REST snapshot.</summary>
    Empty = 1,

    /// <summary>No snapshot push at all, only updates: the client must bridge with the REST snapshot (OKX after the change).</summary>
    None = 2,
}
