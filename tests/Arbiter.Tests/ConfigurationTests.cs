using Arbiter.Configuration;
using Arbiter.Core;
using Arbiter.Hosting;

namespace Arbiter.Tests;

/// <summary>RELIABILITY row 25: bad configuration stops Arbiter with an error naming the key; good configuration binds exactly.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Load_Defaults_PointAtRealEndpointsOnLoopbackApi()
    {
        var settings = SettingsLoader.Load(null, dotEnvPath: null);
        Assert.Equal("wss://stream.binance.com:9443", settings.Venues.Binance.WsBaseUrl);
        Assert.Equal("https://api.binance.com", settings.Venues.Binance.RestBaseUrl);
        Assert.Equal("wss://api.upbit.com/websocket/v1", settings.Venues.Upbit.WsUrl);
        Assert.Equal("http://127.0.0.1:9001", settings.Api.Url);
        Assert.Equal("wss://ws.okx.com:8443/ws/v5/public", settings.Venues.Okx.WsUrl);
        Assert.Equal("wss://ws.kraken.com/v2", settings.Venues.Kraken.WsUrl);
        Assert.Equal("wss://advanced-trade-ws.coinbase.com", settings.Venues.Coinbase.WsUrl);
        Assert.Equal(Enum.GetValues<VenueId>(), settings.Venues.EnabledIds()); // all eight real venues by default
    }

    [Fact]
    public void Load_Defaults_ScheduleFxSourceAndNoCredentials()
    {
        var settings = SettingsLoader.Load(null, dotEnvPath: null);
        Assert.Equal(
            (TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10)),
            (settings.Schedules.Sweep, settings.Schedules.Stats, settings.Schedules.Fx, settings.Schedules.Wallets, settings.Schedules.Markets, settings.Schedules.StaleCleanup));
        Assert.Equal("https://quotation-api-cdn.dunamu.com/v1/forex/recent?codes=FRX.KRWUSD", settings.FxSource.Url);
        Assert.Equal("0.basePrice", settings.FxSource.JsonPath);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.FxSource.Timeout);
        Assert.Empty(settings.Credentials);
        Assert.Null(settings.CredentialsFor(VenueId.Binance));
    }

    [Fact]
    public void Load_SchedulesFxSourceAndCredentials_BindFromConfiguration()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Schedules:Sweep"] = "00:00:00.050",
            ["Schedules:Wallets"] = "00:00:00.500",
            ["FxSource:Url"] = "",
            ["Credentials:Okx:ApiKey"] = "okx-key-0123456789",
            ["Credentials:Okx:ApiSecret"] = "okx-secret",
            ["Credentials:Okx:Passphrase"] = "okx-pass",
        }, dotEnvPath: null);
        Assert.Equal(TimeSpan.FromMilliseconds(50), settings.Schedules.Sweep);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Schedules.Wallets);
        Assert.False(settings.FxSource.Enabled);
        Assert.Equal(new Arbiter.Venues.Wallets.VenueCredentials("okx-key-0123456789", "okx-secret", "okx-pass"), settings.CredentialsFor(VenueId.Okx));
        Assert.Null(settings.CredentialsFor(VenueId.Binance));
    }

    [Fact]
    public void Load_CredentialsFromDotEnv_BindPerVenue()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                "ARBITER__Credentials__Upbit__ApiKey=upbit-access-key-0123",
                "ARBITER__Credentials__Upbit__ApiSecret=upbit-secret-key",
            ]);
            var settings = SettingsLoader.Load(null, dotEnvPath: path);
            Assert.Equal(new Arbiter.Venues.Wallets.VenueCredentials("upbit-access-key-0123", "upbit-secret-key"), settings.CredentialsFor(VenueId.Upbit));
            Assert.Equal("upbi…0123", settings.CredentialsFor(VenueId.Upbit)!.Masked);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_InvalidSchedule_NamesTheKeyAndTheRange()
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?> { ["Schedules:Sweep"] = "00:00:00.001" }, dotEnvPath: null));
        Assert.Contains("Schedules:Sweep must be 00:00:00.0100000..00:00:10 (got 00:00:00.0010000).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Engine:MinNetProfitUsd", "-1", "Engine:MinNetProfitUsd")]
    [InlineData("Engine:Fx:UsdKrw", "0", "Fx:UsdKrw")]
    [InlineData("Engine:TakerFees:binance", "0.5", "Engine:TakerFees:binance")]
    [InlineData("Api:Url", "http://0.0.0.0:9001", "Api:AccessToken")]
    [InlineData("Api:Url", "ftp://127.0.0.1:9001", "Api:Url")]
    [InlineData("Venues:Binance:SnapshotLimit", "0", "SnapshotLimit")]
    [InlineData("Venues:Binance:WsBaseUrl", "ws://10.0.0.5:9443", "WsBaseUrl")]
    [InlineData("Venues:Upbit:Depth", "7", "Depth")]
    [InlineData("Venues:Enabled:0", "ftx", "Venues:Enabled")] // not a venue (every venue has an adapter now)
    [InlineData("Schedules:Sweep", "00:00:00.001", "Schedules:Sweep")]
    [InlineData("Schedules:Stats", "00:00:00", "Schedules:Stats")]
    [InlineData("Schedules:Fx", "2.00:00:00", "Schedules:Fx")]
    [InlineData("Schedules:Wallets", "00:00:00.010", "Schedules:Wallets")]
    [InlineData("Schedules:Markets", "-00:00:01", "Schedules:Markets")]
    [InlineData("Schedules:StaleCleanup", "02:00:00", "Schedules:StaleCleanup")]
    [InlineData("FxSource:Url", "ftp://example.com/rate", "FxSource:Url")]
    [InlineData("FxSource:JsonPath", "0..basePrice", "FxSource:JsonPath")]
    [InlineData("FxSource:Timeout", "00:10:00", "FxSource:Timeout")]
    [InlineData("Credentials:ftx:ApiKey", "abcdefghijklmnop", "Credentials:ftx")]
    [InlineData("Credentials:Binance:ApiKey", "abcdefghijklmnop", "Credentials:Binance:ApiSecret")]
    [InlineData("Credentials:Okx:ApiSecret", "abcdefghijklmnop", "Credentials:Okx:ApiKey")]
    public void Load_InvalidValue_IsRejectedNamingTheKey(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?> { [key] = value }, dotEnvPath: null));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Engine:MinNetProfitUSDx", "1", "MinNetProfitUSDx")]
    [InlineData("Api:Port", "9001", "Port")]
    [InlineData("Venues:Binance:Symbols:0", "BTCUSDT", "Symbols")]
    public void Load_UnknownKey_IsRejectedNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?> { [key] = value }, dotEnvPath: null));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotANumber_IsRejectedNamingTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?> { ["Engine:MinNetProfitUsd"] = "lots" }, dotEnvPath: null));
        Assert.Contains("MinNetProfitUsd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfiguredList_ReplacesTheDefaultInsteadOfAppending()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Venues:Enabled:0"] = "upbit",
            ["Venues:Binance:Assets:0"] = "SOL",
        }, dotEnvPath: null);
        Assert.Equal([VenueId.Upbit], settings.Venues.EnabledIds());
        Assert.Equal(["SOL"], settings.Venues.Binance.Assets);
        Assert.Equal(["BTC", "ETH", "XRP", "SOL", "DOGE", "USDT"], settings.Venues.Upbit.Assets); // untouched default
    }

    [Fact]
    public void Load_DictionaryEntry_OverridesOneKeyAndKeepsTheOthers()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?> { ["Engine:TakerFees:upbit"] = "0.0004" }, dotEnvPath: null);
        Assert.Equal(0.0004m, settings.Engine.TakerFees[VenueId.Upbit]);
        Assert.Equal(0.001m, settings.Engine.TakerFees[VenueId.Binance]);
    }

    [Fact]
    public void Load_DotEnvFile_SetsPrefixedKeysOnly()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                "# secrets",
                "ARBITER__Engine__MinNetProfitUsd=7.5",
                "export ARBITER__Api__AccessToken=\"0123456789abcdef0123\"",
                "UNRELATED=ignored",
            ]);
            var settings = SettingsLoader.Load(null, dotEnvPath: path);
            Assert.Equal(7.5m, settings.Engine.MinNetProfitUsd);
            Assert.Equal("0123456789abcdef0123", settings.Api.AccessToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_DotEnvLineWithoutEquals_IsRejectedWithLineNumber()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["ARBITER__Engine__MinNetProfitUsd=1", "oops"]);
            var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, dotEnvPath: path));
            Assert.Contains(":2:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingConfigFile_NamesIt()
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load("/nonexistent/arbiter.json", dotEnvPath: null));
        Assert.Contains("/nonexistent/arbiter.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonLoopbackBindWithToken_IsAccepted()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Api:Url"] = "http://0.0.0.0:9001",
            ["Api:AccessToken"] = "0123456789abcdef0123",
        }, dotEnvPath: null);
        Assert.Equal("http://0.0.0.0:9001", settings.Api.Url);
    }
}
