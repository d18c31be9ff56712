using Arbiter.Venues.Coinbase;
using Shouldly;

namespace Arbiter.Venues.Tests.Coinbase;

public sealed class CoinbaseOptionsTests
{
    [Fact]
    public void GetValidationErrors_Defaults_NoneAndRealEndpoints()
    {
        var options = new CoinbaseOptions();

        options.GetValidationErrors().ShouldBeEmpty();
        options.WsUrl.ShouldBe("wss://advanced-trade-ws.coinbase.com");
        options.RestBaseUrl.ShouldBe("https://api.coinbase.com");
        options.Quotes.ShouldBe(["USD"]);
        options.MessagesPerSecond.ShouldBe(8);
        options.ConnectsPerSecond.ShouldBe(750);
    }

    [Fact]
    public void Validate_BadValues_MessageNamesEveryKeyAndRange()
    {
        var options = new CoinbaseOptions
        {
            Assets = ["BTC", "B-C"],
            Quotes = [],
            MaxProductsPerConnection = 0,
            MessagesPerSecond = 9,
            ConnectsPerSecond = 751,
            IdleTimeout = TimeSpan.Zero,
            ResubscribeInterval = TimeSpan.FromMinutes(2),
            SubscribeRetryDelay = TimeSpan.FromMinutes(1),
            SnapshotTimeout = TimeSpan.FromHours(1),
        };

        var message = Should.Throw<ArgumentException>(() => options.Validate()).Message;

        message.ShouldContain("Coinbase:Assets[1] must be 1-32 ASCII letters or digits (was 'B-C').");
        message.ShouldContain("Coinbase:Quotes must list at least one asset code.");
        message.ShouldContain("Coinbase:MaxProductsPerConnection must be between 1 and 100 (was 0).");
        message.ShouldContain("Coinbase:MessagesPerSecond must be between 1 and 8 (was 9).");
        message.ShouldContain("Coinbase:ConnectsPerSecond must be between 1 and 750 (was 751).");
        message.ShouldContain("Coinbase:IdleTimeout must be between");
        message.ShouldContain("Coinbase:ResubscribeInterval must be between 00:00:00 and 00:01:00 (was 00:02:00).");
        message.ShouldContain("Coinbase:SubscribeRetryDelay must be between 00:00:00 and 00:00:30 (was 00:01:00).");
        message.ShouldContain("Coinbase:SnapshotTimeout must be between");
    }

    [Fact]
    public void GetValidationErrors_SnapshotTimeoutBelowResubscribeInterval_Named()
    {
        var errors = new CoinbaseOptions { ResubscribeInterval = TimeSpan.FromSeconds(5), SnapshotTimeout = TimeSpan.FromSeconds(2) }.GetValidationErrors();

        errors.ShouldBe(["Coinbase:SnapshotTimeout must be at least Coinbase:ResubscribeInterval (was 00:00:02 < 00:00:05)."]);
    }

    [Fact]
    public void Validate_UsdcQuote_RejectedWithReason()
    {
        var errors = new CoinbaseOptions { Quotes = ["USD", "usdc"] }.GetValidationErrors();

        errors.ShouldBe(["Coinbase:Quotes[1] must not be USDC: Coinbase market data answers -USDC products with the -USD book (use USD)."]);
    }

    [Fact]
    public void Validate_PlainUrls_RejectedUnlessInsecureAllowed()
    {
        var options = new CoinbaseOptions { WsUrl = "ws://127.0.0.1:9001", RestBaseUrl = "http://127.0.0.1:9001" };

        var errors = options.GetValidationErrors();
        options.AllowInsecureUrls = true;

        errors.Count.ShouldBe(2);
        errors[0].ShouldStartWith("Coinbase:WsUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls");
        errors[1].ShouldStartWith("Coinbase:RestBaseUrl must be a https:// URL");
        options.GetValidationErrors().ShouldBeEmpty();
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Should.Throw<ArgumentException>(() => new CoinbaseProtocol(new CoinbaseOptions { WsUrl = "nope" }, new(), new TestSupport.RecordingSink(), new TestSupport.RecordingActions()))
            .Message.ShouldContain("Coinbase:WsUrl must be an absolute wss:// URL (was 'nope').");
    }
}
