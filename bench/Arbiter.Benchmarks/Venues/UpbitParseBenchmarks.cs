using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues.Upbit;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One 15-unit KRW-BTC orderbook message (fixture upbit-orderbook-krw-btc-15.json) parsed by <see cref="UpbitParser"/> into a
/// reused <see cref="MarketEvent"/>, against System.Text.Json deserialising the same bytes into a decimal-typed DTO.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class UpbitParseBenchmarks
{
    private byte[] frame = [];
    private byte[] frame10 = [];
    private Utf8SymbolMap<Instrument> codes = new();
    private MarketEvent book = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = Fixture.Read("upbit-orderbook-krw-btc-15.json");
        frame10 = Fixture.Read("upbit-orderbook-krw-btc-10.json");
        if (!UpbitSymbols.TryParse(Fixture.Read("upbit-market-all.json"), new InstrumentCatalog(), ["BTC"], "KRW", out var parsed, out var error))
        {
            throw new InvalidOperationException("market/all fixture: " + error);
        }

        codes = parsed.BySymbol;
        var krwBtc = parsed.Instruments.Single();
        Check(krwBtc.Symbol == "KRW-BTC", $"instrument {krwBtc}");

        book = new MarketEvent();
        var kind = UpbitParser.ParseFrame(frame, codes, book);
        Check(kind == UpbitFrameKind.Orderbook, $"parser returned {kind}");
        Check(ReferenceEquals(book.Instrument, krwBtc), "wrong instrument");
        Check(book.Sequence == 1_746_601_574_112, "wrong timestamp");
        Check(book.Bids.Count == 15 && book.Asks.Count == 15, $"{book.Bids.Count} bids, {book.Asks.Count} asks");

        // 137,002,000 KRW and 0.106 BTC at scale 8; 1.37001E8 KRW and 0.036 BTC.
        Check(book.Asks[0] == new Level(13_700_200_000_000_000, 10_600_000) && book.Bids[0] == new Level(13_700_100_000_000_000, 3_600_000), "wrong level units");

        Check(UpbitParser.ParseFrame(frame10, codes, book) == UpbitFrameKind.Orderbook && book.Bids.Count == 10 && book.Asks.Count == 10, "10-unit frame");
        UpbitParser.ParseFrame(frame, codes, book);
        var dto = JsonSerializer.Deserialize<UpbitOrderbookDto>(frame);
        Check(dto is { Code: "KRW-BTC", Units.Count: 15 } && dto.Units[0].BidPrice == 137_001_000m, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (decimals)")]
    public UpbitOrderbookDto? JsonSerializerDto() => JsonSerializer.Deserialize<UpbitOrderbookDto>(frame);

    [Benchmark(Description = "UpbitParser.ParseFrame")]
    public UpbitFrameKind UpbitParser_ParseFrame() => UpbitParser.ParseFrame(frame, codes, book);

    [Benchmark(Description = "UpbitParser.ParseFrame, 10 units (10+10 levels)")]
    public UpbitFrameKind UpbitParser_ParseFrame10() => UpbitParser.ParseFrame(frame10, codes, book);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Upbit parse benchmark setup: " + what + ".");
        }
    }
}
