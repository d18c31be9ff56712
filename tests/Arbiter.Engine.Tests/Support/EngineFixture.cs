using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>An engine with default options (unless given), a recording sink and observer, and the test instruments.</summary>
internal sealed class EngineFixture
{
    /// <param name="options">The engine's options; default ones when null.</param>
    /// <param name="fixedFx">Fill unset rates with <see cref="FixedFx"/>'s (most tests); false to leave rates to FX quotes and books.</param>
    public EngineFixture(EngineOptions? options = null, bool fixedFx = true)
    {
        Options = options ?? new EngineOptions();
        if (fixedFx)
        {
            Options.WithFixedFx();
        }

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
