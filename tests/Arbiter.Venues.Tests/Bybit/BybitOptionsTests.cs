using Arbiter.Venues.Bybit;
using Shouldly;

namespace Arbiter.Venues.Tests.Bybit;

public sealed class BybitOptionsTests
{
    [Fact]
    public void Defaults_RealEndpointsAndLimits_Valid()
    {
        var options = new BybitOptions();

        options.GetValidationErrors().ShouldBeEmpty();
        (options.WsUrl, options.RestBaseUrl).ShouldBe(("wss://stream.bybit.com/v5/public/spot", "https://api.bybit.com"));
        options.Assets.ShouldBe(["BTC", "ETH", "XRP", "SOL", "DOGE"]);
        options.Quotes.ShouldBe(["USDT"]);
        (options.Depth, options.MaxArgsPerRequest, options.MaxArgsCharsPerConnection, options.MaxConnectsPerFiveMinutes).ShouldBe((50, 10, 21_000, 500));
        options.PingInterval.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new BybitOptions
        {
            Depth = 25,
            Assets = ["BTC", "B-C"],
            Quotes = [],
            PingInterval = TimeSpan.FromMinutes(10),
            MaxLifetime = TimeSpan.FromSeconds(5),
            MaxSymbolsPerConnection = 0,
            MaxArgsCharsPerConnection = 30_000,
            MaxArgsPerRequest = 11,
            MaxMessagesPerSecond = 0,
            MaxConnectsPerFiveMinutes = 501,
            WsUrl = "not a url",
        };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;

        message.ShouldContain("Bybit:Depth must be 1, 50, 200 or 1000 (was 25).");
        message.ShouldContain("Bybit:Assets[1] must be 1-32 ASCII letters or digits (was 'B-C').");
        message.ShouldContain("Bybit:Quotes must list at least one asset code.");
        message.ShouldContain("Bybit:PingInterval must be between 00:00:00.0100000 and 00:05:00 (was 00:10:00).");
        message.ShouldContain("Bybit:MaxLifetime must be between 00:01:00 and 7.00:00:00 (was 00:00:05).");
        message.ShouldContain("Bybit:MaxSymbolsPerConnection must be between 1 and 1000 (was 0).");
        message.ShouldContain("Bybit:MaxArgsCharsPerConnection must be between 100 and 21000 (was 30000).");
        message.ShouldContain("Bybit:MaxArgsPerRequest must be between 1 and 10 (was 11).");
        message.ShouldContain("Bybit:MaxMessagesPerSecond must be between 1 and 100 (was 0).");
        message.ShouldContain("Bybit:MaxConnectsPerFiveMinutes must be between 1 and 500 (was 501).");
        message.ShouldContain("Bybit:WsUrl must be an absolute wss:// URL (was 'not a url').");
    }

    [Fact]
    public void Validate_PlainUrls_RejectedUnlessInsecureAllowed()
    {
        var options = new BybitOptions { WsUrl = "ws://127.0.0.1:9001/v5/public/spot", RestBaseUrl = "http://127.0.0.1:9001" };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;
        options.AllowInsecureUrls = true;

        message.ShouldContain("Bybit:WsUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls");
        message.ShouldContain("Bybit:RestBaseUrl must be a https:// URL");
        options.GetValidationErrors().ShouldBeEmpty();
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws() =>
        Should.Throw<ArgumentException>(() => new BybitProtocol(new BybitOptions { Depth = 2 }, new Arbiter.Core.InstrumentCatalog(), new TestSupport.RecordingSink(), new TestSupport.RecordingActions()));
}
