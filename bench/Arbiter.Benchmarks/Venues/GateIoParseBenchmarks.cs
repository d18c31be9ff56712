using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues.GateIo;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One BTC_USDT <c>spot.order_book_update</c> with 10 bid and 10 ask levels (fixture gateio-order-book-update-btc-usdt-10x10.json)
/// parsed by <see cref="GateIoParser"/> into a reused <see cref="MarketEvent"/>, against System.Text.Json deserialising the same
/// bytes into a string-typed DTO. The baseline does less work (no numeric parsing at all), so the ratio flatters it.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class GateIoParseBenchmarks
{
    private byte[] frame = [];
    private Utf8SymbolMap<Instrument> symbols = new();
    private MarketEvent update = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = Fixture.Read("gateio-order-book-update-btc-usdt-10x10.json");

        // The instrument comes from the currency_pairs fixture through the adapter's own symbol table, as it does live.
        if (!GateIoSymbols.TryParse(Fixture.Read("gateio-currency-pairs.json"), new InstrumentCatalog(), ["BTC"], ["USDT"], out var parsed, out var error))
        {
            throw new InvalidOperationException("currency_pairs fixture: " + error);
        }

        symbols = parsed.BySymbol;
        var btcUsdt = parsed.Instruments.Single();
        Check(btcUsdt.Symbol == "BTC_USDT" && btcUsdt.PriceScale == 3 && btcUsdt.QuantityScale == 8, $"BTC_USDT scales are {btcUsdt.PriceScale}/{btcUsdt.QuantityScale}, expected 3/8");

        update = new MarketEvent();
        var kind = GateIoParser.ParseFrame(frame, symbols, update, out var first);
        Check(kind == GateIoFrameKind.BookUpdate, $"parser returned {kind}");
        Check(ReferenceEquals(update.Instrument, btcUsdt), "wrong instrument");
        Check(first == 73_777_715_169 && update.Sequence == 73_777_715_212, "wrong update ids");
        Check(update.Bids.Count == 10 && update.Asks.Count == 10, $"{update.Bids.Count} bids, {update.Asks.Count} asks");
        Check(update.Bids[0] == new Level(104_027_100, 50_939_200) && update.Asks[9] == new Level(104_045_900, 1_200_000), "wrong level units");

        var dto = JsonSerializer.Deserialize<GateIoOrderBookUpdateDto>(frame);
        Check(dto?.Result is { Symbol: "BTC_USDT", Bids.Count: 10, Asks.Count: 10 }, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (strings)")]
    public GateIoOrderBookUpdateDto? JsonSerializerDto() => JsonSerializer.Deserialize<GateIoOrderBookUpdateDto>(frame);

    [Benchmark(Description = "GateIoParser.ParseFrame")]
    public GateIoFrameKind GateIoParser_ParseFrame() => GateIoParser.ParseFrame(frame, symbols, update, out _);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Gate.io parse benchmark setup: " + what + ".");
        }
    }
}
