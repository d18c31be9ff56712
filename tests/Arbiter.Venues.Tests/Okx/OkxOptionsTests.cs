using Arbiter.Venues.Okx;
using Shouldly;

namespace Arbiter.Venues.Tests.Okx;

public sealed class OkxOptionsTests
{
    [Fact]
    public void Defaults_RealEndpointsAndValid()
    {
        var options = new OkxOptions();

        options.GetValidationErrors().ShouldBeEmpty();
        options.WsUrl.ShouldBe("wss://ws.okx.com:8443/ws/v5/public");
        options.RestBaseUrl.ShouldBe("https://www.okx.com");
        options.Assets.ShouldBe(["BTC", "ETH", "XRP", "SOL", "DOGE"]);
        options.Quotes.ShouldBe(["USDT"]);
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new OkxOptions
        {
            MaxSymbolsPerConnection = 30,
            SubscribesPerHour = 481,
            ConnectsPerSecond = 0,
            PingInterval = TimeSpan.FromSeconds(30),
            MaxLifetime = TimeSpan.FromSeconds(5),
            MaxBufferedUpdates = 0,
            Assets = ["BTC", "B-C"],
            Quotes = [],
        };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;

        message.ShouldContain("Okx:MaxSymbolsPerConnection must be between 1 and 29 (was 30).");
        message.ShouldContain("Okx:SubscribesPerHour must be between 1 and 480 (was 481).");
        message.ShouldContain("Okx:ConnectsPerSecond must be between 1 and 3 (was 0).");
        message.ShouldContain("Okx:PingInterval must be between 00:00:01 and 00:00:29 (was 00:00:30).");
        message.ShouldContain("Okx:MaxLifetime must be between 00:01:00 and 7.00:00:00 (was 00:00:05).");
        message.ShouldContain("Okx:MaxBufferedUpdates must be between 1 and 1000000 (was 0).");
        message.ShouldContain("Okx:Assets[1] must be 1-32 ASCII letters or digits (was 'B-C').");
        message.ShouldContain("Okx:Quotes must list at least one asset code.");
    }

    [Theory]
    [InlineData(20, 480, true)]
    [InlineData(9, 480, true)]
    [InlineData(8, 480, false)] // 495 pings + the subscribe in the pacer's 66-minute window: pings would wait
    [InlineData(29, 480, true)]
    [InlineData(20, 100, false)]
    [InlineData(29, 140, true)]
    public void Validate_PingsAndSubscribeMustFitTheSendLimitTheTransportAppliesToPingsToo(int pingSeconds, int subscribesPerHour, bool valid)
    {
        var options = new OkxOptions { PingInterval = TimeSpan.FromSeconds(pingSeconds), SubscribesPerHour = subscribesPerHour };

        var errors = options.GetValidationErrors();

        if (valid)
        {
            errors.ShouldBeEmpty();
            OkxOptions.SendsPerPacedHour(options.PingInterval).ShouldBeLessThanOrEqualTo(subscribesPerHour);
        }
        else
        {
            errors.ShouldHaveSingleItem().ShouldStartWith("Okx:PingInterval must be long enough for the pings and the subscribe of an hour to fit Okx:SubscribesPerHour");
        }
    }

    [Fact]
    public void Validate_PlainUrls_RejectedUnlessInsecureAllowed()
    {
        var options = new OkxOptions { WsUrl = "ws://127.0.0.1:9001/ws/v5/public", RestBaseUrl = "http://127.0.0.1:9001" };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;
        options.AllowInsecureUrls = true;

        message.ShouldContain("Okx:WsUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls");
        message.ShouldContain("Okx:RestBaseUrl must be a https:// URL");
        options.GetValidationErrors().ShouldBeEmpty();
    }
}
