using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One BTC-USD level2 snapshot message with 10 bids and 10 offers (fixture coinbase-l2-snapshot-btc-usd-10x10.json) parsed by
/// <see cref="CoinbaseParser"/> into a reused <see cref="CoinbaseFrame"/>, against System.Text.Json deserialising the same
/// bytes into a DTO that keeps prices and sizes as strings. The baseline does less work (no numeric parsing of the
/// levels), so the ratio flatters it.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class CoinbaseParseBenchmarks
{
    private byte[] message = [];
    private Utf8SymbolMap<Instrument> products = new();
    private CoinbaseFrame frame = new();

    [GlobalSetup]
    public void Setup()
    {
        message = Fixture.Read("coinbase-l2-snapshot-btc-usd-10x10.json");

        // The instrument comes from the product list fixture through the adapter's own symbol table, as it does live.
        if (!CoinbaseSymbols.TryParse(Fixture.Read("coinbase-products.json"), new InstrumentCatalog(), ["BTC"], ["USD"], out var parsed, out var error))
        {
            throw new InvalidOperationException("products fixture: " + error);
        }

        products = parsed.BySymbol;
        var btcUsd = parsed.Instruments.Single();
        Check(btcUsd.Symbol == "BTC-USD" && btcUsd.PriceScale == 2 && btcUsd.QuantityScale == 8, $"BTC-USD scales are {btcUsd.PriceScale}/{btcUsd.QuantityScale}, expected 2/8");

        frame = new CoinbaseFrame();
        var kind = CoinbaseParser.ParseFrame(message, products, frame);
        Check(kind == CoinbaseFrameKind.Book && frame.Count == 1, $"parser returned {kind} with {frame.Count} events");
        var e = frame[0];
        Check(ReferenceEquals(e.Instrument, btcUsd) && e.Kind == MarketEventKind.BookSnapshot, "wrong instrument or kind");
        Check(frame.SequenceNum == 2 && e.Sequence == 1_746_601_573_812_345, "wrong sequence or timestamp");
        Check(e.Bids.Count == 10 && e.Asks.Count == 10, $"{e.Bids.Count} bids, {e.Asks.Count} asks");
        Check(e.Bids[0] == new Level(9_685_001, 152_341_000) && e.Asks[9] == new Level(9_687_510, 440_000_000), "wrong level units");

        var dto = JsonSerializer.Deserialize<CoinbaseL2MessageDto>(message);
        Check(dto?.Events is [{ ProductId: "BTC-USD", Updates.Count: 20 }], "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (strings)")]
    public CoinbaseL2MessageDto? JsonSerializerDto() => JsonSerializer.Deserialize<CoinbaseL2MessageDto>(message);

    [Benchmark(Description = "CoinbaseParser.ParseFrame")]
    public CoinbaseFrameKind CoinbaseParser_ParseFrame() => CoinbaseParser.ParseFrame(message, products, frame);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Coinbase parse benchmark setup: " + what + ".");
        }
    }
}
