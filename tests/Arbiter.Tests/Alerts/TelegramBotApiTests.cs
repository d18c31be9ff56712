using System.Net;
using System.Net.Sockets;
using Arbiter.Alerts;
using Arbiter.Core;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>The Bot API client against the fake server: requests, answers, and every failure as a value without the token.</summary>
public sealed class TelegramBotApiTests
{
    private readonly ManualTimeProvider clock = new(Start);

    [Fact]
    public async Task SendMessageAsync_Ok_PostsChatTextAndParseMode()
    {
        await using var bot = await FakeBotApi.StartAsync(clock, Token);
        using var http = new HttpClient();
        var api = new TelegramBotApi(http, new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = Token });

        var result = await api.SendMessageAsync(-100123, "<b>hi</b> & bye", CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(1, result.Value);
        Assert.Equal([new FakeBotApi.SendCall(Start, -100123, "<b>hi</b> & bye", "HTML", FakeBotApi.Answer.Ok)], bot.Sends);
    }

    [Fact]
    public async Task SendMessageAsync_Failures_AreValuesWithCodeDescriptionAndRetryAfter()
    {
        await using var bot = await FakeBotApi.StartAsync(clock, Token);
        using var http = new HttpClient();
        var api = new TelegramBotApi(http, new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = Token });
        bot.Script(FakeBotApi.Answer.TooManyRequests, FakeBotApi.Answer.BadGateway, FakeBotApi.Answer.Abort);

        var limited = (await api.SendMessageAsync(1, "a", CancellationToken.None)).Error!;
        var gateway = (await api.SendMessageAsync(1, "b", CancellationToken.None)).Error!;
        var aborted = (await api.SendMessageAsync(1, "c", CancellationToken.None)).Error!;

        Assert.Equal(new TelegramError(429, "sendMessage: Too Many Requests: retry after 2", TimeSpan.FromSeconds(2)), limited);
        Assert.True(limited.IsRateLimited && limited.IsTransient);
        Assert.Equal(new TelegramError(502, "sendMessage: HTTP 502 Bad Gateway without a Bot API answer"), gateway);
        Assert.True(gateway.IsTransient);
        Assert.Null(aborted.ErrorCode);
        Assert.True(aborted.IsTransient);
        Assert.StartsWith("sendMessage: ", aborted.Description, StringComparison.Ordinal);

        var wrongToken = new TelegramBotApi(http, new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = "999:WRONG-TOKEN-0123456789" });
        var refused = (await wrongToken.SendMessageAsync(1, "d", CancellationToken.None)).Error!;
        Assert.Equal(new TelegramError(404, "sendMessage: Not Found"), refused);
        Assert.False(refused.IsTransient);

        foreach (var error in new[] { limited, gateway, aborted, refused })
        {
            Assert.DoesNotContain("CANARY", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("WRONG-TOKEN", error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Calls_ConnectionRefused_NetworkErrorWithoutTheToken()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        using var http = new HttpClient();
        var api = new TelegramBotApi(http, new TelegramOptions { BaseUrl = $"http://127.0.0.1:{port}", BotToken = Token });

        var send = (await api.SendMessageAsync(1, "x", CancellationToken.None)).Error!;
        var poll = (await api.GetUpdatesAsync(0, TimeSpan.Zero, CancellationToken.None)).Error!;

        Assert.Null(send.ErrorCode);
        Assert.True(send.IsTransient);
        Assert.StartsWith("sendMessage: ", send.Description, StringComparison.Ordinal);
        Assert.StartsWith("getUpdates: ", poll.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", send.Description + poll.Description, StringComparison.Ordinal);
        Assert.Equal("text with … inside", api.Redact($"text with {Token} inside"));
    }

    [Fact]
    public async Task GetUpdatesAsync_ServesMessagesFromTheOffset()
    {
        await using var bot = await FakeBotApi.StartAsync(clock, Token);
        using var http = new HttpClient();
        var api = new TelegramBotApi(http, new TelegramOptions { BaseUrl = bot.BaseAddress.ToString(), BotToken = Token });
        bot.Say(5, "/start");
        bot.Say(-42, "/help");

        var all = await api.GetUpdatesAsync(0, TimeSpan.FromSeconds(1), CancellationToken.None);
        var rest = await api.GetUpdatesAsync(101, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal([new TelegramUpdate(100, 5, 5, "/start"), new TelegramUpdate(101, -42, -42, "/help")], all.Value);
        Assert.Equal([new TelegramUpdate(101, -42, -42, "/help")], rest.Value);
        Assert.Equal([0L, 101L], bot.Offsets);
    }
}
