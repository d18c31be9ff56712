using Arbiter.Alerts;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>The Alerts section: defaults, and validation errors that name the key and never show the token.</summary>
public sealed class AlertsOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new AlertsOptions();
        Assert.Equal("https://api.telegram.org", options.Telegram.BaseUrl);
        Assert.False(options.Telegram.Enabled);
        Assert.False(options.Telegram.OpenMode);
        Assert.Null(options.Telegram.AdminChatId);
        Assert.Equal(TimeSpan.FromSeconds(25), options.Telegram.PollTimeout);
        Assert.Equal(1000, options.SendQueueCapacity);
        Assert.Equal(1.5m, options.Dedup.GrowthFactor);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Dedup.Cooldown);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Status.VenueDownAfter);
        Assert.Empty(options.Webhooks);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_BadValues_NameEachKeyAndNeverTheToken()
    {
        var options = new AlertsOptions
        {
            Telegram = new TelegramOptions { BaseUrl = "ftp://x", BotToken = Token + " /", PollTimeout = TimeSpan.FromSeconds(51) },
            SendQueueCapacity = 0,
            Dedup = new DedupOptions { GrowthFactor = 0.9m, Cooldown = TimeSpan.FromSeconds(-1) },
            Webhooks = [new WebhookOptions { Url = "https://discord.com/api/webhooks/1/SECRET-PATH", MinNetProfitUsd = -1m, Format = (WebhookFormat)9 }, new WebhookOptions { Url = "nope" }],
            Status = new StatusOptions { VenueDownAfter = TimeSpan.Zero },
        };

        var errors = options.Validate().ToList();

        Assert.Equal(
        [
            "Alerts:Telegram:BaseUrl must be an absolute http(s) URL without a query, like https://api.telegram.org (got 'ftp://x').",
            "Alerts:Telegram:BotToken must look like 123456:ABC-def_… (digits, ':', then letters, digits, '-' or '_'); the value is not shown.",
            "Alerts:Telegram:PollTimeout must be 00:00:01..00:00:50 (got 00:00:51).",
            "Alerts:Telegram:AllowedChatIds is empty and Alerts:Telegram:OpenMode is false: nobody could use the bot (add chat ids, or set OpenMode to true).",
            "Alerts:SendQueueCapacity must be 1..1000000 (got 0).",
            "Alerts:Dedup:GrowthFactor must be 1..1000 (got 0.9).",
            "Alerts:Dedup:Cooldown must be 00:00:00..1.00:00:00 (got -00:00:01).",
            "Alerts:Webhooks:0:Format must be json, discord or slack.",
            "Alerts:Webhooks:0:MinNetProfitUsd must be ≥ 0 (got -1).",
            "Alerts:Webhooks:1:Url must be an absolute http(s) URL.",
            "Alerts:Status:VenueDownAfter must be more than 0 and at most 1.00:00:00 (got 00:00:00).",
        ], errors);
        Assert.DoesNotContain(errors, e => e.Contains("CANARY", StringComparison.Ordinal) || e.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_MasksTheToken()
    {
        var options = new TelegramOptions { BotToken = Token, AllowedChatIds = [1, 2] };
        Assert.Equal("TelegramOptions { BaseUrl = https://api.telegram.org, BotToken = 1234…qRsT, AllowedChatIds = 2, OpenMode = False }", options.ToString());
        Assert.Equal("1234…qRsT", options.MaskedToken);
    }
}
