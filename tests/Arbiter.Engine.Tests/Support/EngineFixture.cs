using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>An engine with default options (unless given), a recording sink and observer, and the test instruments.</summary>
internal sealed class EngineFixture
{
    public EngineFixture(EngineOptions? options = null)
    {
        Options = (options ?? new EngineOptions()).WithFixedFx();
        Engine = new MarketEngine(Options, Sink, Observer);
    }

    public EngineOptions Options { get; }

    public TestInstruments Instruments { get; } = new();

    public RecordingOutputSink Sink { get; } = new();

    public RecordingObserver Observer { get; } = new();

    public MarketEngine Engine { get; }

    public Instrument Binance => Instruments.BinanceBtcUsdt;

    public Instrument Upbit => Instruments.UpbitKrwBtc;

    public void Process(params MarketEvent[] events)
    {
        foreach (var e in events)
        {
            Engine.Process(e);
        }
    }

    public BookSyncState State(Instrument instrument, out BookInvalidReason reason) => Engine.GetState(instrument, out reason);
}
