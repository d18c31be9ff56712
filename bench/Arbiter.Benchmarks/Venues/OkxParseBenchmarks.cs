using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues.Okx;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One 10+10-level BTC-USDT <c>books</c> push (fixture okx-books-btc-usdt-10x10.json) parsed by <see cref="OkxParser"/> into a
/// reused <see cref="MarketEvent"/> with the levels' spellings, against System.Text.Json deserialising the same bytes into a
/// string-typed DTO (which still leaves every number to parse).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class OkxParseBenchmarks
{
    private byte[] frame = [];
    private Utf8SymbolMap<Instrument> symbols = new();
    private MarketEvent book = new();
    private OkxLevelSpellings spellings = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = Fixture.Read("okx-books-btc-usdt-10x10.json");
        if (!OkxSymbols.TryParse(Fixture.Read("okx-instruments-spot.json"), new InstrumentCatalog(), ["BTC"], ["USDT"], out var parsed, out var error))
        {
            throw new InvalidOperationException("instruments fixture: " + error);
        }

        symbols = parsed.BySymbol;
        var btcUsdt = parsed.Instruments.Single();
        Check(btcUsdt.Symbol == "BTC-USDT" && btcUsdt.PriceScale == 1 && btcUsdt.QuantityScale == 8, $"instrument {btcUsdt}");

        book = new MarketEvent();
        spellings = new OkxLevelSpellings();
        var kind = OkxParser.ParseFrame(frame, symbols, book, spellings, out var header);
        Check(kind == OkxFrameKind.BookSnapshot, $"parser returned {kind}");
        Check(ReferenceEquals(book.Instrument, btcUsdt), "wrong instrument");
        Check(book.Sequence == 28_311_564_720 && header.Checksum == -289034797, "wrong seqId or checksum");
        Check(book.Bids.Count == 10 && book.Asks.Count == 10, $"{book.Bids.Count} bids, {book.Asks.Count} asks");

        // 97000 × 1.5 and 97000.1 × 0.5 at scales 1 and 8.
        Check(book.Bids[0] == new Level(970_000, 150_000_000) && book.Asks[0] == new Level(970_001, 50_000_000), "wrong level units");

        var dto = JsonSerializer.Deserialize<OkxBooksDto>(frame);
        Check(dto is { Arg.InstId: "BTC-USDT", Data: [{ Bids.Count: 10, SeqId: 28_311_564_720 }] }, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (strings)")]
    public OkxBooksDto? JsonSerializerDto() => JsonSerializer.Deserialize<OkxBooksDto>(frame);

    [Benchmark(Description = "OkxParser.ParseFrame")]
    public OkxFrameKind OkxParser_ParseFrame() => OkxParser.ParseFrame(frame, symbols, book, spellings, out _);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("OKX parse benchmark setup: " + what + ".");
        }
    }
}
