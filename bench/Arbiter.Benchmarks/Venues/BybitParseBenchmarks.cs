using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Bybit;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// One captured spot BTCUSDT orderbook snapshot trimmed to 10 bid and 10 ask levels (fixture
/// bybit-orderbook-spot-btcusdt-snapshot-10x10.json) parsed by <see cref="BybitParser"/> into a reused
/// <see cref="MarketEvent"/>, against System.Text.Json deserialising the same bytes into a string-typed DTO. The baseline
/// does less work (no numeric parsing of the levels), so the ratio flatters it.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class BybitParseBenchmarks
{
    private const string FixtureFolder = "tests/Arbiter.Venues.Tests/Fixtures";

    private byte[] frame = [];
    private Utf8SymbolMap<Instrument> symbols = new();
    private MarketEvent book = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = ReadFixture("bybit-orderbook-spot-btcusdt-snapshot-10x10.json");

        // The instrument comes from the market-list fixture through the adapter's own symbol table, as it does live.
        if (!BybitSymbols.TryParse(ReadFixture("bybit-instruments-info-spot.json"), new InstrumentCatalog(), ["BTC"], ["USDT"], out var parsed, out var error))
        {
            throw new InvalidOperationException("instruments-info fixture: " + error);
        }

        symbols = parsed.BySymbol;
        var btcUsdt = parsed.Instruments.Single();
        Check(btcUsdt.Symbol == "BTCUSDT" && btcUsdt.PriceScale == 3 && btcUsdt.QuantityScale == 8, $"BTCUSDT scales are {btcUsdt.PriceScale}/{btcUsdt.QuantityScale}, expected 3/8");

        book = new MarketEvent();
        var kind = BybitParser.ParseFrame(frame, symbols, book);
        Check(kind == BybitFrameKind.Snapshot, $"parser returned {kind}");
        Check(ReferenceEquals(book.Instrument, btcUsdt), "wrong instrument");
        Check(book.Sequence == 5_179_079 && book.ExchangeTime == 1_703_430_557_664_000, "wrong u or cts");
        Check(book.Bids.Count == 10 && book.Asks.Count == 10, $"{book.Bids.Count} bids, {book.Asks.Count} asks");

        // "43732.01" × "0.049391" and "43734" × "0.1101" at scales 3 and 8.
        Check(book.Bids[0] == new Level(43_732_010, 4_939_100) && book.Asks[9] == new Level(43_734_000, 11_010_000), "wrong level units");

        var dto = JsonSerializer.Deserialize<BybitOrderbookDto>(frame);
        Check(dto?.Data is { Symbol: "BTCUSDT", Bids.Count: 10, Asks.Count: 10 }, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (strings)")]
    public BybitOrderbookDto? JsonSerializerDto() => JsonSerializer.Deserialize<BybitOrderbookDto>(frame);

    [Benchmark(Description = "BybitParser.ParseFrame")]
    public BybitFrameKind BybitParser_ParseFrame() => BybitParser.ParseFrame(frame, symbols, book);

    /// <summary>
    /// Reads a venue-test fixture from the repository (found by walking up from the runner's folder), so that adding this
    /// benchmark did not need the shared benchmark project file to embed it.
    /// </summary>
    private static byte[] ReadFixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, FixtureFolder, name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new InvalidOperationException($"Fixture {name} was not found in {FixtureFolder} above {AppContext.BaseDirectory}.");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Bybit parse benchmark setup: " + what + ".");
        }
    }
}
