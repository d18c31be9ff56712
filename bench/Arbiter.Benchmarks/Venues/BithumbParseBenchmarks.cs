using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues;
using Arbiter.Venues.Bithumb;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One 10-unit KRW-BTC Bithumb orderbook message (fixture bithumb-orderbook-krw-btc-10x10.json, 10 bids + 10 asks) parsed by
/// <see cref="BithumbParser"/> into a reused <see cref="MarketEvent"/>, against System.Text.Json deserialising the same
/// bytes into a decimal-typed DTO (the Upbit-shaped <see cref="UpbitOrderbookDto"/>: Bithumb sends the same fields).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class BithumbParseBenchmarks
{
    private byte[] frame = [];
    private Utf8SymbolMap<Instrument> codes = new();
    private MarketEvent book = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = Fixture.Read("bithumb-orderbook-krw-btc-10x10.json");
        if (!BithumbSymbols.TryParse(Fixture.Read("bithumb-market-all.json"), new InstrumentCatalog(), ["BTC"], "KRW", out var parsed, out var error))
        {
            throw new InvalidOperationException("market/all fixture: " + error);
        }

        codes = parsed.BySymbol;
        var krwBtc = parsed.Instruments.Single();
        Check(krwBtc.Symbol == "KRW-BTC", $"instrument {krwBtc}");

        book = new MarketEvent();
        var kind = BithumbParser.ParseFrame(frame, codes, book);
        Check(kind == OrderbookUnitsFrameKind.Orderbook, $"parser returned {kind}");
        Check(ReferenceEquals(book.Instrument, krwBtc), "wrong instrument");
        Check(book.Sequence == 1_790_133_505_671_250, "wrong timestamp");
        Check(book.Bids.Count == 10 && book.Asks.Count == 10, $"{book.Bids.Count} bids, {book.Asks.Count} asks");

        // 116,208,000 KRW and 0.3313 BTC at scale 8; 116,204,000 KRW and 0.0037 BTC.
        Check(book.Asks[0] == new Level(11_620_800_000_000_000, 33_130_000) && book.Bids[0] == new Level(11_620_400_000_000_000, 370_000), "wrong level units");

        var dto = JsonSerializer.Deserialize<UpbitOrderbookDto>(frame);
        Check(dto is { Code: "KRW-BTC", Units.Count: 10 } && dto.Units[0].BidPrice == 116_204_000m, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (decimals)")]
    public UpbitOrderbookDto? JsonSerializerDto() => JsonSerializer.Deserialize<UpbitOrderbookDto>(frame);

    [Benchmark(Description = "BithumbParser.ParseFrame")]
    public OrderbookUnitsFrameKind BithumbParser_ParseFrame() => BithumbParser.ParseFrame(frame, codes, book);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Bithumb parse benchmark setup: " + what + ".");
        }
    }
}
