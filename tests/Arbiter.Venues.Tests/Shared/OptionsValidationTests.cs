using Arbiter.Venues.Binance;
using Arbiter.Venues.Upbit;

namespace Arbiter.Venues.Tests.Shared;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_AllValid()
    {
        Assert.Empty(new BinanceOptions().GetValidationErrors());
        Assert.Empty(new UpbitOptions().GetValidationErrors());
        Assert.Empty(new VenueFeedOptions().GetValidationErrors());
    }

    [Fact]
    public void BinanceOptions_BadValues_MessageNamesKeyAndRange()
    {
        var options = new BinanceOptions { SnapshotLimit = 0, Speed = "10ms", MaxStreamsPerConnection = 2000, Assets = ["BTC", "B-C"], Quotes = [] };

        var message = Assert.Throws<ArgumentException>(() => options.Validate()).Message;

        Assert.Contains("Binance:SnapshotLimit must be between 1 and 5000 (was 0).", message, StringComparison.Ordinal);
        Assert.Contains("Binance:Speed must be \"100ms\" or \"1000ms\" (was '10ms').", message, StringComparison.Ordinal);
        Assert.Contains("Binance:MaxStreamsPerConnection must be between 1 and 1024 (was 2000).", message, StringComparison.Ordinal);
        Assert.Contains("Binance:Assets[1] must be 1-32 ASCII letters or digits (was 'B-C').", message, StringComparison.Ordinal);
        Assert.Contains("Binance:Quotes must list at least one asset code.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wss://localhost:9443", true)]
    [InlineData("wss://127.0.0.1", true)]
    [InlineData("wss://10.0.0.1", true)]
    [InlineData("wss://172.16.0.1", true)]
    [InlineData("wss://172.31.255.255", true)]
    [InlineData("wss://172.32.0.1", false)]
    [InlineData("wss://192.168.1.1", true)]
    [InlineData("wss://169.254.169.254", true)]
    [InlineData("wss://0.0.0.0", true)]
    [InlineData("wss://[::1]", true)]
    [InlineData("wss://[fd00::1]", true)]
    [InlineData("wss://[fe80::1]", true)]
    [InlineData("wss://[2606:4700::1]", false)]
    [InlineData("wss://8.8.8.8", false)]
    [InlineData("wss://stream.binance.com:9443", false)]
    public void BinanceOptions_LoopbackOrPrivateAddress_RejectedUnlessInsecureAllowed(string url, bool refused)
    {
        var options = new BinanceOptions { WsBaseUrl = url };

        var errors = options.GetValidationErrors();
        options.AllowInsecureUrls = true;

        Assert.Equal(refused ? [$"Binance:WsBaseUrl must not point at a loopback or private address outside demo/simulator (AllowInsecureUrls) (was '{url}')."] : [], errors);
        Assert.Empty(options.GetValidationErrors());
    }

    [Fact]
    public void BinanceOptions_PlainWebSocketUrl_RejectedUnlessInsecureAllowed()
    {
        var options = new BinanceOptions { WsBaseUrl = "ws://127.0.0.1:9001", RestBaseUrl = "http://127.0.0.1:9001" };

        var message = Assert.Throws<ArgumentException>(() => options.Validate()).Message;
        options.AllowInsecureUrls = true;

        Assert.Contains("Binance:WsBaseUrl must be a wss:// URL; ws:// is only allowed with AllowInsecureUrls", message, StringComparison.Ordinal);
        Assert.Contains("Binance:RestBaseUrl must be a https:// URL", message, StringComparison.Ordinal);
        Assert.Empty(options.GetValidationErrors());
    }

    [Fact]
    public void UpbitOptions_BadValues_MessageNamesKeyAndRange()
    {
        var options = new UpbitOptions { Depth = 10, Quote = "", PingInterval = TimeSpan.FromMinutes(5), WsUrl = "not a url" };

        var message = Assert.Throws<ArgumentException>(() => options.Validate()).Message;

        Assert.Contains("Upbit:Depth must be 1, 5, 15 or 30 (was 10).", message, StringComparison.Ordinal);
        Assert.Contains("Upbit:Quote must be 1-32 ASCII letters or digits (was '').", message, StringComparison.Ordinal);
        Assert.Contains("Upbit:PingInterval must be between", message, StringComparison.Ordinal);
        Assert.Contains("Upbit:WsUrl must be an absolute wss:// URL (was 'not a url').", message, StringComparison.Ordinal);
    }

    [Fact]
    public void VenueFeedOptions_NestedKeys_FullPathInMessage()
    {
        var options = new VenueFeedOptions();
        options.Connection.MaxFrameBytes = 10;
        options.Connection.Resilience.MaxDelay = TimeSpan.FromDays(2);

        var message = Assert.Throws<ArgumentException>(() => options.Validate()).Message;

        Assert.Contains("Feed:Connection:MaxFrameBytes must be between 256 and 1073741824 (was 10).", message, StringComparison.Ordinal);
        Assert.Contains("Feed:Connection:Resilience:MaxDelay must be between", message, StringComparison.Ordinal);
    }
}
