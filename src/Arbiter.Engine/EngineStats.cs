namespace Arbiter.Engine;

/// <summary>Counters of a <see cref="MarketEngine"/> since it was created.</summary>
/// <param name="EventsProcessed">Every event given to <see cref="MarketEngine.Process"/>.</param>
/// <param name="DeltasIgnoredUnsynced">Book deltas that arrived while their book had no snapshot (Unsynced or Syncing).</param>
/// <param name="OpportunitiesOpened">Opened events published.</param>
/// <param name="OpportunitiesUpdated">Updated and TransferChanged events published.</param>
/// <param name="OpportunitiesClosed">Closed events published.</param>
/// <param name="WalksOutOfRange">Depth walks whose notional was too large to price exactly in <see cref="decimal"/>; treated as not qualifying.</param>
public readonly record struct EngineStats(
    long EventsProcessed,
    long DeltasIgnoredUnsynced,
    long OpportunitiesOpened,
    long OpportunitiesUpdated,
    long OpportunitiesClosed,
    long WalksOutOfRange);
