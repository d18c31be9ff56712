using Arbiter.Venues.Kraken;
using Shouldly;

namespace Arbiter.Venues.Tests.Kraken;

public sealed class KrakenOptionsTests
{
    [Fact]
    public void Defaults_RealEndpointsAndValid()
    {
        var options = new KrakenOptions();

        options.GetValidationErrors().ShouldBeEmpty();
        options.WsUrl.ShouldBe("wss://ws.kraken.com/v2");
        options.RestBaseUrl.ShouldBe("https://api.kraken.com");
        options.Assets.ShouldBe(["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT", "USDC"]);
        options.Quotes.ShouldBe(["USD"]);
        options.Depth.ShouldBe(10);
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new KrakenOptions
        {
            Depth = 20, Quotes = [], Assets = ["BTC", "B/C"], PingInterval = TimeSpan.FromMinutes(2), IdleTimeout = TimeSpan.Zero,
            MaxLifetime = TimeSpan.FromSeconds(5), MaxSymbolsPerConnection = 0, MaxSymbolsPerSubscribe = 1001,
            MessagesPerSecond = 0, ConnectsPerMinute = 151, WsUrl = "https://ws.kraken.com/v2",
        };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;

        message.ShouldContain("Kraken:Depth must be 10, 25, 100, 500 or 1000 (was 20).");
        message.ShouldContain("Kraken:Quotes must list at least one asset code.");
        message.ShouldContain("Kraken:Assets[1] must be 1-32 ASCII letters or digits (was 'B/C').");
        message.ShouldContain("Kraken:PingInterval must be between 00:00:01 and 00:00:50 (was 00:02:00).");
        message.ShouldContain("Kraken:IdleTimeout must be between 00:00:02 and 1.00:00:00 (was 00:00:00).");
        message.ShouldContain("Kraken:MaxLifetime must be between 00:01:00 and 7.00:00:00 (was 00:00:05).");
        message.ShouldContain("Kraken:MaxSymbolsPerConnection must be between 1 and 1000 (was 0).");
        message.ShouldContain("Kraken:MaxSymbolsPerSubscribe must be between 1 and 1000 (was 1001).");
        message.ShouldContain("Kraken:MessagesPerSecond must be between 1 and 100 (was 0).");
        message.ShouldContain("Kraken:ConnectsPerMinute must be between 1 and 150 (was 151).");
        message.ShouldContain("Kraken:WsUrl must be a wss:// URL");
    }

    [Fact]
    public void Validate_PlainUrls_OnlyWithAllowInsecureUrls()
    {
        var options = new KrakenOptions { WsUrl = "ws://127.0.0.1:9001/v2", RestBaseUrl = "http://127.0.0.1:9001" };

        Should.Throw<ArgumentException>(() => options.Validate()).Message.ShouldContain("ws:// is only allowed with AllowInsecureUrls");
        options.AllowInsecureUrls = true;
        options.GetValidationErrors().ShouldBeEmpty();
    }
}
