using Arbiter.Core;

namespace Arbiter.Intelligence;

/// <summary>Where the refreshers hand FX quotes and wallet snapshots to the engine.</summary>
public interface IIntelligenceInput
{
    /// <summary>Queues an <see cref="MarketEventKind.FxQuote"/> event; false when it was not queued (stopping, or the engine queue full).</summary>
    bool Publish(FxQuote quote);

    /// <summary>Queues a <see cref="MarketEventKind.WalletStatus"/> event; false when it was not queued.</summary>
    bool Publish(WalletSnapshot snapshot);
}
