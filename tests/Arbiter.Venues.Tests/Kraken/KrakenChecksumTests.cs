using System.Text;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Kraken;

public sealed class KrakenChecksumTests
{
    private static readonly Instrument MaticUsd = new(VenueId.Kraken, "MATIC/USD", Asset.Of("MATIC"), Asset.Usd, 4, 8);

    private static OrderBook DocsSnapshot()
    {
        var symbols = new Utf8SymbolMap<Instrument>();
        symbols.Set(MaticUsd.Symbol, MaticUsd);
        var parsed = new MarketEvent();
        KrakenParser.ParseFrame(Fixture.Read("kraken-book-snapshot-matic-usd.json"), symbols, parsed, out _).ShouldBe(KrakenFrameKind.BookSnapshot);
        var book = new OrderBook(MaticUsd);
        book.Load(parsed.Bids.Span, parsed.Asks.Span);
        return book;
    }

    [Fact]
    public void Compute_DocsSnapshotAtPairPrecision_IsTheVerifiedVector() =>
        KrakenChecksum.Compute(DocsSnapshot()).ShouldBe(2_439_117_997u); // REFERENCE §8: price 4 dp, qty 8 dp

    [Fact]
    public void Compute_RawJsonNumberText_Gives3830085102_WhichIsNotOurs()
    {
        // What a naive implementation does: the JSON number tokens as sent ("0.566", not "0.5660"), '.' removed, zeros stripped.
        using var document = JsonDocument.Parse(Fixture.Read("kraken-book-snapshot-matic-usd.json"));
        var element = document.RootElement.GetProperty("data")[0];
        var text = new StringBuilder();
        foreach (var side in new[] { "asks", "bids" })
        {
            foreach (var level in element.GetProperty(side).EnumerateArray())
            {
                text.Append(level.GetProperty("price").GetRawText().Replace(".", "", StringComparison.Ordinal).TrimStart('0'));
                text.Append(level.GetProperty("qty").GetRawText().Replace(".", "", StringComparison.Ordinal).TrimStart('0'));
            }
        }

        var raw = Crc32.Compute(Encoding.ASCII.GetBytes(text.ToString()));

        raw.ShouldBe(3_830_085_102u);
        KrakenChecksum.Compute(DocsSnapshot()).ShouldNotBe(raw);
    }

    [Fact]
    public void Compute_DocsUpdateAppliedToDocsSnapshot_MatchesTheUpdatesChecksum()
    {
        var book = DocsSnapshot();

        book.Bids.Set(5_657, 109_839_475_580); // the docs update: bid 0.5657 x 1098.3947558

        KrakenChecksum.Compute(book).ShouldBe(2_114_181_697u); // the checksum that update carries
    }

    [Fact]
    public void Compute_MoreThanTenLevels_OnlyTheTopTenCount()
    {
        var book = DocsSnapshot();
        book.Bids.Set(1_000, 1); // an 11th bid, below the ten
        book.Asks.Set(9_000, 1); // an 11th ask, above the ten

        KrakenChecksum.Compute(book).ShouldBe(2_439_117_997u);
    }

    [Fact]
    public void Compute_EmptyBook_IsTheCrcOfNothing() => KrakenChecksum.Compute(new OrderBook(MaticUsd)).ShouldBe(0u);
}
