using Arbiter.Venues.GateIo;
using Shouldly;

namespace Arbiter.Venues.Tests.GateIo;

public sealed class GateIoOptionsTests
{
    [Fact]
    public void Defaults_RealEndpointsAndValid()
    {
        var options = new GateIoOptions();

        options.GetValidationErrors().ShouldBeEmpty();
        options.WsUrl.ShouldBe("wss://api.gateio.ws/ws/v4/");
        options.RestBaseUrl.ShouldBe("https://api.gateio.ws");
        options.Assets.ShouldBe(["BTC", "ETH", "XRP", "SOL", "DOGE"]);
        options.Quotes.ShouldBe(["USDT"]);
        options.Interval.ShouldBe("100ms");
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new GateIoOptions
        {
            Interval = "1000ms",
            MaxPairsPerConnection = 0,
            SubscribesPerSecond = 500,
            ConnectsPerWindow = 0,
            ConnectWindow = TimeSpan.Zero,
            PingInterval = TimeSpan.FromMinutes(10),
            MaxBufferedUpdates = 0,
            Assets = ["BTC", "B_C"],
            Quotes = [],
        };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;

        message.ShouldContain("GateIo:Interval must be \"100ms\" or \"20ms\" (was '1000ms').");
        message.ShouldContain("GateIo:MaxPairsPerConnection must be between 1 and 100 (was 0).");
        message.ShouldContain("GateIo:SubscribesPerSecond must be between 1 and 100 (was 500).");
        message.ShouldContain("GateIo:ConnectsPerWindow must be between 1 and 1000 (was 0).");
        message.ShouldContain("GateIo:ConnectWindow must be between 00:00:01 and 01:00:00 (was 00:00:00).");
        message.ShouldContain("GateIo:PingInterval must be between 00:00:01 and 00:05:00 (was 00:10:00).");
        message.ShouldContain("GateIo:MaxBufferedUpdates must be between 1 and 1000000 (was 0).");
        message.ShouldContain("GateIo:Assets[1] must be 1-32 ASCII letters or digits (was 'B_C').");
        message.ShouldContain("GateIo:Quotes must list at least one asset code.");
    }

    [Fact]
    public void Validate_PlainUrls_RejectedUnlessInsecureAllowed()
    {
        var options = new GateIoOptions { WsUrl = "ws://127.0.0.1:9001/ws/v4/", RestBaseUrl = "http://127.0.0.1:9001" };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;
        options.AllowInsecureUrls = true;

        message.ShouldContain("GateIo:WsUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls");
        message.ShouldContain("GateIo:RestBaseUrl must be a https:// URL");
        options.GetValidationErrors().ShouldBeEmpty();
    }
}
