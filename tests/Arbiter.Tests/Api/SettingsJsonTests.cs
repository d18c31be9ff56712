using Arbiter.Api;
using Arbiter.Hosting;

namespace Arbiter.Tests.Api;

public sealed class SettingsJsonTests
{
    [Fact]
    public void Write_ConfiguredSettings_ShowsValuesInForceAndNoSecret()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Engine:MinNetProfitUsd"] = "5",
            ["Engine:MinNetPremiumBps"] = "12.5",
            ["Engine:Fx:UsdKrw"] = "1400",
            ["Engine:TakerFees:upbit"] = "0.0004",
            ["Venues:Enabled:0"] = "upbit",
            ["Venues:Enabled:1"] = "binance",
            ["Schedules:Wallets"] = "00:01:00",
            ["Api:Url"] = "http://127.0.0.1:9001",
            ["Credentials:Upbit:ApiKey"] = "upbit-access-key-0123",
            ["Credentials:Upbit:ApiSecret"] = "upbit-secret-never-shown",
        }, dotEnvPath: null);

        var json = SettingsJson.Write(settings);

        Assert.StartsWith(
            "{\"engine\":{\"minNetProfitUsd\":\"5\",\"minNetPremiumBps\":\"12.5\",\"updateThreshold\":0.05,\"maxBookAge\":\"00:00:10\","
            + "\"takerFees\":{\"binance\":\"0.001\",\"coinbase\":\"0.012\",\"bybit\":\"0.001\",\"gateio\":\"0.002\",\"upbit\":\"0.0004\",\"bithumb\":\"0.0025\",\"okx\":\"0.0015\",\"kraken\":\"0.0026\"},"
            + "\"fx\":{\"usdKrw\":\"1400\",\"usdtUsd\":null,\"usdcUsd\":null,\"maxAge\":\"00:15:00\",\"deriveUsdKrw\":true},"
            + "\"quality\":{\"maxExchangeLag\":\"00:00:30\",\"maxSpread\":\"0.5\",\"maxDeviation\":\"0.5\",\"window\":200,\"excludeBelow\":90,\"readmitAt\":95}},"
            + "\"enabledVenues\":[\"binance\",\"upbit\"],",
            json,
            StringComparison.Ordinal);
        Assert.Contains("\"schedules\":{\"sweep\":\"00:00:00.1000000\",\"stats\":\"00:00:10\",\"fx\":\"00:05:00\",\"wallets\":\"00:01:00\",\"markets\":\"00:05:00\",\"staleCleanup\":\"00:00:10\"}", json, StringComparison.Ordinal);
        Assert.EndsWith("\"api\":{\"url\":\"http://127.0.0.1:9001\",\"accessToken\":false},\"credentials\":[{\"venue\":\"upbit\",\"apiKey\":\"upbi\\u20260123\",\"apiSecret\":\"set\",\"passphrase\":\"none\"}]}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("never-shown", json, StringComparison.Ordinal);
        Assert.DoesNotContain("upbit-access-key", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AlertsSection_TokenMasked_WebhookPathHidden()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Alerts:Telegram:BotToken"] = "123456789:CANARY-bot-token-secret_wxyz",
            ["Alerts:Telegram:AllowedChatIds:0"] = "42",
            ["Alerts:Webhooks:0:Url"] = "https://discord.com/api/webhooks/987/CANARY-webhook-secret",
            ["Alerts:Webhooks:0:Format"] = "discord",
        }, dotEnvPath: null);

        var json = SettingsJson.Write(settings);

        Assert.Contains("\"alerts\":{\"telegram\":{\"enabled\":true,\"baseUrl\":\"https://api.telegram.org\",\"botToken\":\"1234\\u2026wxyz\",\"allowedChatIds\":[42],\"openMode\":false,\"adminChatId\":null,\"pollTimeout\":\"00:00:25\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"webhooks\":[{\"url\":\"https://discord.com/\\u2026\",\"format\":\"discord\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", json, StringComparison.Ordinal);
        Assert.DoesNotContain("987", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_TelegramOff()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?>(), dotEnvPath: null);
        Assert.False(settings.Alerts.Telegram.Enabled);
        Assert.Contains("\"telegram\":{\"enabled\":false,\"baseUrl\":\"https://api.telegram.org\",\"botToken\":null", SettingsJson.Write(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidAlerts_RefusedNamingTheKey_WithoutTheToken()
    {
        var ex = Assert.Throws<Arbiter.Configuration.ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?>
        {
            ["Alerts:Telegram:BotToken"] = "not a token CANARY",
            ["Alerts:InputQueueCapacity"] = "5",
        }, dotEnvPath: null));
        Assert.Contains("Alerts:Telegram:BotToken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Alerts:InputQueueCapacity", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", ex.Message, StringComparison.Ordinal);
    }
}
