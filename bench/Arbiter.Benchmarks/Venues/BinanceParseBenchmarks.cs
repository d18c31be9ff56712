using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues.Binance;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One combined-stream BTCUSDT diff frame with 10 bid and 10 ask levels (fixture binance-depthUpdate-btcusdt-10x10.json),
/// parsed by <see cref="BinanceParser"/> into a reused <see cref="MarketEvent"/> against System.Text.Json deserialising the
/// same bytes into a string-typed DTO. The baseline does less work (no numeric parsing at all), so the ratio flatters it.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class BinanceParseBenchmarks
{
    private byte[] frame = [];
    private Utf8SymbolMap<Instrument> symbols = new();
    private MarketEvent update = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = Fixture.Read("binance-depthUpdate-btcusdt-10x10.json");

        // The instrument comes from the exchangeInfo fixture through the adapter's own symbol table, as it does live.
        if (!BinanceSymbols.TryParse(Fixture.Read("binance-exchangeInfo.json"), new InstrumentCatalog(), ["BTC"], ["USDT"], out var parsed, out var error))
        {
            throw new InvalidOperationException("exchangeInfo fixture: " + error);
        }

        symbols = parsed.BySymbol;
        var btcUsdt = parsed.Instruments.Single();
        Check(btcUsdt.Symbol == "BTCUSDT" && btcUsdt.PriceScale == 2 && btcUsdt.QuantityScale == 5, $"BTCUSDT scales are {btcUsdt.PriceScale}/{btcUsdt.QuantityScale}, expected 2/5");

        update = new MarketEvent();
        var kind = BinanceParser.ParseFrame(frame, symbols, update, out var first);
        Check(kind == BinanceFrameKind.Depth, $"parser returned {kind}");
        Check(ReferenceEquals(update.Instrument, btcUsdt), "wrong instrument");
        Check(first == 72_512_046_100 && update.Sequence == 72_512_046_131, "wrong update ids");
        Check(update.Bids.Count == 10 && update.Asks.Count == 10, $"{update.Bids.Count} bids, {update.Asks.Count} asks");
        Check(update.Bids[0] == new Level(9_685_001, 152_341) && update.Asks[9] == new Level(9_689_999, 10_000), "wrong level units");

        var dto = JsonSerializer.Deserialize<BinanceCombinedDto>(frame);
        Check(dto?.Data is { Symbol: "BTCUSDT", Bids.Count: 10, Asks.Count: 10 }, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (strings)")]
    public BinanceCombinedDto? JsonSerializerDto() => JsonSerializer.Deserialize<BinanceCombinedDto>(frame);

    [Benchmark(Description = "BinanceParser.ParseFrame")]
    public BinanceFrameKind BinanceParser_ParseFrame() => BinanceParser.ParseFrame(frame, symbols, update, out _);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Binance parse benchmark setup: " + what + ".");
        }
    }
}
