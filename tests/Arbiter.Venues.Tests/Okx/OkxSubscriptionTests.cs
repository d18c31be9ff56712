using Arbiter.Venues.Okx;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxSubscriptionTests
{
    [Fact]
    public void Build_ArgsBeyondTheLengthBound_SplitIntoSeveralRequests()
    {
        // Each arg {"channel":"books","instId":"BTC-USDT"} is 39 bytes; 2 brackets + 39 + 1 + 39 = 81 fits 90, a third does not.
        var requests = OkxSubscription.Build(["BTC-USDT", "ETH-USDT", "XRP-USDT"], "books", maxArgsBytes: 90);

        requests.ShouldBe(
        [
            """{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"books","instId":"ETH-USDT"}]}""",
            """{"op":"subscribe","args":[{"channel":"books","instId":"XRP-USDT"}]}""",
        ]);
    }

    [Fact]
    public void Build_TwentyNineSymbols_OneRequestWellUnder64KB()
    {
        var symbols = Enumerable.Range(0, 29).Select(i => $"COIN{i}-USDT").ToList();

        var request = OkxSubscription.Build(symbols, "books").ShouldHaveSingleItem();

        request.Length.ShouldBeLessThan(OkxSubscription.MaxArgsBytes);
        request.ShouldEndWith("""{"channel":"books","instId":"COIN28-USDT"}]}""");
    }
}
