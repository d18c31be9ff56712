using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.Tests.TestSupport;
using Shouldly;

namespace Arbiter.Venues.Tests.Coinbase;

public sealed class CoinbaseLevelScannerTests
{
    [Fact]
    public void TryScan_CanonicalFixture_AllLevelsAndEndAtClosingBracket()
    {
        var json = Fixture.Read("coinbase-l2-snapshot-btc-usd-10x10.json");
        var start = json.AsSpan().IndexOf("\"updates\":["u8) + "\"updates\":["u8.Length;
        var e = new MarketEvent();

        CoinbaseLevelScanner.TryScan(json, start, e, 2, 8, snapshot: true, out var end).ShouldBeTrue();

        end.ShouldBe(json.Length - 4); // "]}]}"
        e.Bids.Count.ShouldBe(10);
        e.Asks.Count.ShouldBe(10);
        e.Bids[0].ShouldBe(new Level(9_685_001, 152_341_000));
        e.Asks[9].ShouldBe(new Level(9_687_510, 440_000_000));
    }

    [Theory]
    [InlineData("]", true, 0)]
    [InlineData(" ]", true, 1)]
    [InlineData("""{"side":"bid","event_time":"t","price_level":"1.5","new_quantity":"0"}]""", true, 70)]
    [InlineData("""{"side":"bid","event_time":"t","price_level":"1.5","new_quantity":"0"} , {"side":"offer","event_time":"t","price_level":"2","new_quantity":"3"}]""", true, 143)]
    [InlineData("""{"side":"ask","event_time":"t","price_level":"1.5","new_quantity":"0"}]""", false, 0)]
    [InlineData("""{"side":"bid","price_level":"1.5","new_quantity":"0"}]""", false, 0)]
    [InlineData("""{"side":"bid","event_time":"t\"","price_level":"1.5","new_quantity":"0"}]""", false, 0)]
    [InlineData("""{"side":"bid","event_time":"t","price_level":"1.55","new_quantity":"0"}]""", false, 0)]
    [InlineData("""{"side":"bid","event_time":"t","price_level":"0","new_quantity":"1"}]""", false, 0)]
    [InlineData("""{"side":"bid","event_time":"t","price_level":"1.5","new_quantity":"1"}""", false, 0)]
    [InlineData("""{"side":"bid","event_time":"t","price_level":"1.5","new_quantity":"1"},]""", false, 0)]
    [InlineData("""{ "side":"bid","event_time":"t","price_level":"1.5","new_quantity":"1"}]""", false, 0)]
    public void TryScan_Shapes_OnlyCanonicalAccepted(string array, bool accepted, int end)
    {
        var e = new MarketEvent();

        CoinbaseLevelScanner.TryScan(Encoding.UTF8.GetBytes(array), 0, e, 1, 0, snapshot: false, out var at).ShouldBe(accepted, array);

        if (accepted)
        {
            at.ShouldBe(end);
        }
    }

    [Fact]
    public void TryScan_SnapshotZeroSize_LeftOutUpdateZeroKept()
    {
        var json = """{"side":"bid","event_time":"t","price_level":"1.5","new_quantity":"0"}]"""u8.ToArray();
        var snapshot = new MarketEvent();
        var update = new MarketEvent();

        CoinbaseLevelScanner.TryScan(json, 0, snapshot, 1, 0, snapshot: true, out _).ShouldBeTrue();
        CoinbaseLevelScanner.TryScan(json, 0, update, 1, 0, snapshot: false, out _).ShouldBeTrue();

        snapshot.Bids.Count.ShouldBe(0);
        update.Bids.Span.ToArray().ShouldBe([new Level(15, 0)]);
    }
}
