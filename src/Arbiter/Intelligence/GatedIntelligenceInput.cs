using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Venues;

namespace Arbiter.Intelligence;

/// <summary>
/// Publishes FX quotes and wallet snapshots through the <see cref="IngestGate"/>, so that they take the gate's one lock
/// like every venue input: stamped by its clock, recorded in the capture in processing order, dropped once it is sealed.
/// </summary>
public sealed class GatedIntelligenceInput : IIntelligenceInput
{
    private readonly IngestGate gate;
    private readonly IMarketEventSink sink;
    private readonly JsonlCaptureWriter? capture;
    private long rejected;

    public GatedIntelligenceInput(IngestGate gate, IMarketEventSink sink, JsonlCaptureWriter? capture)
    {
        this.gate = gate ?? throw new ArgumentNullException(nameof(gate));
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.capture = capture;
    }

    /// <summary>Quotes and snapshots the engine queue refused (full).</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    public bool Publish(FxQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return Counted(gate.Reference(sink, capture is null ? null : at => capture.WriteFx(at, quote), e =>
        {
            e.Kind = MarketEventKind.FxQuote;
            e.Fx = quote;
        }));
    }

    public bool Publish(WalletSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Counted(gate.Reference(sink, capture is null ? null : at => capture.WriteWallets(at, snapshot), e =>
        {
            e.Kind = MarketEventKind.WalletStatus;
            e.Venue = snapshot.Venue;
            e.Wallets = snapshot;
        }));
    }

    /// <summary>True when queued; a refusal by a full queue is counted (a sealed gate is a shutdown, not a refusal).</summary>
    private bool Counted(bool? outcome)
    {
        if (outcome == false)
        {
            Interlocked.Increment(ref rejected);
        }

        return outcome == true;
    }
}
