using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxChecksumTests
{
    private static readonly Instrument BtcUsdt = new(VenueId.Okx, "BTC-USDT", Asset.Btc, Asset.Usdt, 1, 8);

    private static int ChecksumOf(byte[] frame, Instrument instrument)
    {
        var symbols = new Utf8SymbolMap<Instrument>();
        symbols.Set(instrument.Symbol, instrument);
        var e = new MarketEvent();
        var spellings = new OkxLevelSpellings();
        OkxParser.ParseFrame(frame, symbols, e, spellings, out _).ShouldBe(OkxFrameKind.BookSnapshot);
        var book = new OkxLocalBook();
        book.Load(e.Bids, e.Asks, spellings, OkxBookSync.Depth);
        return OkxChecksum.Compute(book, instrument.PriceScale, instrument.QuantityScale);
    }

    private static byte[] Snapshot(string bids, string asks) => OkxHarness.Snapshot(1, bids, asks);

    [Theory]
    [InlineData("""["3366.1","7","0","3"],["3366","6","3","4"]""", """["3366.8","9","10","3"],["3368","8","3","4"]""", -1881014294)] // REFERENCE §7 vector 1
    [InlineData("""["3366.1","7","0","3"]""", """["3366.8","9","10","3"],["3368","8","3","4"],["3372","8","3","4"]""", 831078360)] // vector 2
    public void Compute_ReferenceVectors_Match(string bids, string asks, int expected) =>
        ChecksumOf(Snapshot(bids, asks), BtcUsdt).ShouldBe(expected);

    [Fact]
    public void Compute_DocsExample_IsNotTheDocsPlaceholder()
    {
        // The documented snapshot carries -855196043, which belongs to another (2019 v3) book. Its own levels give
        // "8476.97:256:8476.98:415:8475.55:101:8477:7:..." → -2102840145 (zlib, computed outside this code).
        var docs = new Instrument(VenueId.Okx, "BTC-USDT", Asset.Btc, Asset.Usdt, 2, 8);

        ChecksumOf(Fixture.Read("okx-books-snapshot-docs.json"), docs).ShouldBe(-2102840145);
    }

    [Fact]
    public void Compute_TenByTenFixture_MatchesItsChecksum() =>
        ChecksumOf(Fixture.Read("okx-books-btc-usdt-10x10.json"), BtcUsdt).ShouldBe(-289034797);

    [Fact]
    public void Compute_MoreThan25Levels_OnlyTheBest25PerSide()
    {
        // 26 bids 200, 199, ..., 175 of size 1 and one ask 201: the string stops at bid 176 → 1442484736 (with 175: -1692187754).
        var bids = string.Join(",", Enumerable.Range(0, 26).Select(i => $"[\"{200 - i}\",\"1\",\"0\",\"1\"]"));

        ChecksumOf(Snapshot(bids, """["201","1","0","1"]"""), BtcUsdt).ShouldBe(1442484736);
    }

    [Theory]
    [InlineData(12_345_678L, 8, (byte)8, "0.12345678")]
    [InlineData(10_000_000L, 8, (byte)2, "0.10")]
    [InlineData(10_000_000L, 8, (byte)1, "0.1")]
    [InlineData(847_700L, 2, (byte)0, "8477")]
    [InlineData(1005L, 1, (byte)3, "100.500")] // more digits than the scale: OKX's padding restored
    [InlineData(150_000_000L, 8, OkxSpelling.Canonical, "1.5")]
    [InlineData(0L, 8, (byte)0, "0")]
    public void AppendNumber_Spelling_SameCrcAsTheText(long units, int scale, byte decimals, string text) =>
        Crc32.Finish(OkxChecksum.AppendNumber(Crc32.Start, units, scale, decimals)).ShouldBe(Crc32.Compute(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("0.10", (byte)2)]
    [InlineData("8477", (byte)0)]
    [InlineData("0.00000001", (byte)8)]
    [InlineData("1E-8", OkxSpelling.Canonical)]
    public void SpellingOf_Text_DigitsAfterThePoint(string text, byte expected) =>
        OkxSpelling.Of(System.Text.Encoding.ASCII.GetBytes(text)).ShouldBe(expected);
}
