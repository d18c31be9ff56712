namespace Arbiter.Core;

/// <summary>What a <see cref="MarketEvent"/> carries.</summary>
public enum MarketEventKind : byte
{
    /// <summary>Replace the whole book with the event's levels; the book becomes Synced.</summary>
    BookSnapshot = 0,

    /// <summary>Apply the event's levels (quantity 0 removes) to a Synced book.</summary>
    BookDelta = 1,

    /// <summary>The book can no longer be trusted: clear it and mark it with <see cref="MarketEvent.Reason"/>.</summary>
    BookInvalidated = 2,

    /// <summary>The adapter is (re)building the book: it is not usable until the next snapshot.</summary>
    BookSyncing = 3,

    /// <summary>A venue connection changed state (<see cref="MarketEvent.Connection"/>).</summary>
    ConnectionChanged = 4,

    /// <summary>Clock tick: lets the engine age books and opportunities when no market data arrives.</summary>
    Tick = 5,

    /// <summary>A new exchange rate from an FX source (<see cref="MarketEvent.Fx"/>); rare, off the per-frame path.</summary>
    FxQuote = 6,

    /// <summary>A venue's deposit/withdrawal status was fetched (<see cref="MarketEvent.Wallets"/>); rare, off the per-frame path.</summary>
    WalletStatus = 7,

    /// <summary>The operator changed the engine's runtime settings (<see cref="MarketEvent.Settings"/>); rare, off the per-frame path.</summary>
    SettingsChanged = 8,
}
