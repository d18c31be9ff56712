using System.Text.Json;
using Arbiter.Benchmarks.Support;
using Arbiter.Core;
using Arbiter.Venues.Kraken;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Benchmarks.Venues;

/// <summary>
/// The docs' 10+10-level MATIC/USD book snapshot (fixture kraken-book-snapshot-matic-usd.json) parsed by
/// <see cref="KrakenParser"/> into a reused <see cref="MarketEvent"/>, against System.Text.Json deserialising the same bytes
/// into a decimal-typed DTO.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives its runner from the benchmark class.</remarks>
[MemoryDiagnoser]
public class KrakenParseBenchmarks
{
    private byte[] frame = [];
    private Utf8SymbolMap<Instrument> symbols = new();
    private MarketEvent book = new();

    [GlobalSetup]
    public void Setup()
    {
        frame = Fixture.Read("kraken-book-snapshot-matic-usd.json");
        if (!KrakenSymbols.TryParse(Fixture.Read("kraken-assetpairs.json"), new InstrumentCatalog(), ["MATIC"], ["USD"], out var parsed, out var error))
        {
            throw new InvalidOperationException("AssetPairs fixture: " + error);
        }

        symbols = parsed.BySymbol;
        var maticUsd = parsed.Instruments.Single();
        Check(maticUsd is { Symbol: "MATIC/USD", PriceScale: 4, QuantityScale: 8 }, $"instrument {maticUsd}");

        book = new MarketEvent();
        var kind = KrakenParser.ParseFrame(frame, symbols, book, out var checksum);
        Check(kind == KrakenFrameKind.BookSnapshot, $"parser returned {kind}");
        Check(ReferenceEquals(book.Instrument, maticUsd), "wrong instrument");
        Check(checksum == 2_439_117_997u, "wrong checksum");
        Check(book.Sequence == 1_696_613_755_440_295, "wrong timestamp");
        Check(book.Bids.Count == 10 && book.Asks.Count == 10, $"{book.Bids.Count} bids, {book.Asks.Count} asks");

        // 0.5666 x 4831.75496356 and 0.5668 x 4410.79769741 at 4 and 8 decimals.
        Check(book.Bids[0] == new Level(5_666, 483_175_496_356) && book.Asks[0] == new Level(5_668, 441_079_769_741), "wrong level units");

        var dto = JsonSerializer.Deserialize<KrakenBookDto>(frame);
        Check(dto?.Data is [{ Symbol: "MATIC/USD", Bids.Count: 10 } data] && data.Bids[0].Price == 0.5666m, "baseline DTO did not deserialise");
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json DTO (decimals)")]
    public KrakenBookDto? JsonSerializerDto() => JsonSerializer.Deserialize<KrakenBookDto>(frame);

    [Benchmark(Description = "KrakenParser.ParseFrame")]
    public KrakenFrameKind KrakenParser_ParseFrame() => KrakenParser.ParseFrame(frame, symbols, book, out _);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Kraken parse benchmark setup: " + what + ".");
        }
    }
}
