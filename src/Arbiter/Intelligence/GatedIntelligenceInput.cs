using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Venues;

namespace Arbiter.Intelligence;

/// <summary>
/// Publishes FX quotes and wallet snapshots through the <see cref="IngestGate"/>, so that they take the gate's one lock
/// like every venue input: stamped by its clock, recorded in the capture in processing order, dropped once it is sealed.
/// </summary>
/// <remarks>
/// The gate (in Arbiter.Venues) has no entry point for these inputs yet, so this rides on <see cref="IngestGate.Tick"/>:
/// under the lock the gate records and publishes a tick, and the wrapping sink then records and publishes the quote or
/// snapshot at the same time. Live and replay therefore both see "tick, then quote"; the extra tick is harmless (it only
/// ages books). A dedicated <c>IngestGate.Publish</c> would remove the tick.
/// </remarks>
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
        return Publish(at => capture?.WriteFx(at, quote), e =>
        {
            e.Kind = MarketEventKind.FxQuote;
            e.Fx = quote;
        });
    }

    public bool Publish(WalletSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Publish(at => capture?.WriteWallets(at, snapshot), e =>
        {
            e.Kind = MarketEventKind.WalletStatus;
            e.Venue = snapshot.Venue;
            e.Wallets = snapshot;
        });
    }

    private bool Publish(Action<long> record, Action<MarketEvent> fill)
    {
        var piggyback = new PiggybackSink(sink, record, fill);
        gate.Tick(piggyback);
        if (piggyback.Outcome == false)
        {
            Interlocked.Increment(ref rejected);
        }

        return piggyback.Outcome == true;
    }

    /// <summary>Passes the gate's tick on, then records and publishes one more event at the tick's time, still under the gate's lock.</summary>
    private sealed class PiggybackSink(IMarketEventSink inner, Action<long> record, Action<MarketEvent> fill) : IMarketEventSink
    {
        /// <summary>Null: the gate was sealed and published nothing; else whether the engine queue took the event.</summary>
        public bool? Outcome { get; private set; }

        public MarketEvent Rent() => inner.Rent();

        public bool TryPublish(MarketEvent marketEvent)
        {
            var at = marketEvent.ReceiveTime;
            var tickQueued = inner.TryPublish(marketEvent);
            record(at);
            var e = inner.Rent();
            e.ReceiveTime = at;
            fill(e);
            Outcome = inner.TryPublish(e);
            return tickQueued;
        }
    }
}
