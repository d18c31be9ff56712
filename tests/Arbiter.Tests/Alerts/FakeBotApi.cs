using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Arbiter.Tests.Alerts;

/// <summary>
/// A fake Telegram Bot API: a real Kestrel server on 127.0.0.1 (port 0) speaking the Bot API's JSON at
/// <c>/bot{token}/getUpdates</c> and <c>/bot{token}/sendMessage</c>. It records every sendMessage call with the time of the
/// test's clock, serves getUpdates from a script of messages, and answers scripted failures: 429 with retry_after, 502, or
/// an aborted connection.
/// </summary>
internal sealed class FakeBotApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TimeProvider clock;
    private readonly string token;
    private readonly object gate = new();
    private readonly List<SendCall> sends = [];
    private readonly List<long> offsets = [];
    private readonly List<(long Id, long ChatId, string Text)> updates = [];
    private readonly ConcurrentQueue<Answer> scripted = new();
    private long nextUpdateId = 100;

    private FakeBotApi(TimeProvider clock, string token)
    {
        this.clock = clock;
        this.token = token;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(context =>
        {
            // /bot{token}/{method}, parsed by hand: the token's ':' does not suit a route template.
            var path = context.Request.Path.Value ?? "";
            var slash = path.LastIndexOf('/');
            return path.StartsWith("/bot", StringComparison.Ordinal) && slash > 4
                ? HandleAsync(context, path[4..slash], path[(slash + 1)..])
                : WriteAsync(context, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
        });
    }

    /// <summary>What the server does with a sendMessage (and getUpdates while <see cref="Down"/> is set).</summary>
    public enum Answer
    {
        Ok,
        TooManyRequests,
        BadGateway,
        Abort,
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Answer every request with this failure while set (Telegram down).</summary>
    public Answer? Down { get; set; }

    /// <summary>retry_after of the 429 answers, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>Every sendMessage received, in order, with what it was answered.</summary>
    public IReadOnlyList<SendCall> Sends
    {
        get
        {
            lock (gate)
            {
                return [.. sends];
            }
        }
    }

    /// <summary>The sendMessage calls answered ok.</summary>
    public IReadOnlyList<SendCall> Delivered => Sends.Where(s => s.Answer == Answer.Ok).ToList();

    /// <summary>The offsets getUpdates was called with.</summary>
    public IReadOnlyList<long> Offsets
    {
        get
        {
            lock (gate)
            {
                return [.. offsets];
            }
        }
    }

    public static async Task<FakeBotApi> StartAsync(TimeProvider clock, string token)
    {
        var fake = new FakeBotApi(clock, token);
        await fake.app.StartAsync();
        fake.BaseAddress = new Uri(fake.app.Urls.First());
        return fake;
    }

    /// <summary>The next sendMessage calls get these answers, in order (then Ok).</summary>
    public void Script(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            scripted.Enqueue(answer);
        }
    }

    /// <summary>A user writes <paramref name="text"/> in <paramref name="chatId"/>: served by the next getUpdates.</summary>
    public void Say(long chatId, string text)
    {
        lock (gate)
        {
            updates.Add((nextUpdateId++, chatId, text));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        if (token != this.token)
        {
            await WriteAsync(context, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        if (method == "getUpdates")
        {
            var offset = root.GetProperty("offset").GetInt64();
            lock (gate)
            {
                offsets.Add(offset);
            }

            if (Down is { } down)
            {
                await FailAsync(context, down);
                return;
            }

            // A short long-poll: wait a little (real time) for a message rather than spinning the poller.
            var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
            List<(long Id, long ChatId, string Text)> batch;
            while (true)
            {
                lock (gate)
                {
                    batch = updates.Where(u => u.Id >= offset).ToList();
                }

                if (batch.Count > 0 || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(10);
            }

            var items = batch.Select(u => string.Create(CultureInfo.InvariantCulture,
                $"{{\"update_id\":{u.Id},\"message\":{{\"message_id\":{u.Id},\"from\":{{\"id\":{u.ChatId},\"is_bot\":false,\"first_name\":\"T\"}},\"chat\":{{\"id\":{u.ChatId},\"type\":\"private\"}},\"date\":1763700000,\"text\":{JsonSerializer.Serialize(u.Text)}}}}}"));
            await WriteAsync(context, 200, "{\"ok\":true,\"result\":[" + string.Join(',', items) + "]}");
            return;
        }

        if (method != "sendMessage")
        {
            await WriteAsync(context, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}");
            return;
        }

        var answer = Down ?? (scripted.TryDequeue(out var next) ? next : Answer.Ok);
        var call = new SendCall(clock.GetUtcNow(), root.GetProperty("chat_id").GetInt64(), root.GetProperty("text").GetString()!, root.GetProperty("parse_mode").GetString(), answer);
        lock (gate)
        {
            sends.Add(call);
        }

        if (answer == Answer.Ok)
        {
            await WriteAsync(context, 200, string.Create(CultureInfo.InvariantCulture, $"{{\"ok\":true,\"result\":{{\"message_id\":{sends.Count},\"chat\":{{\"id\":{call.ChatId}}},\"date\":1763700000}}}}"));
            return;
        }

        await FailAsync(context, answer);
    }

    private Task FailAsync(HttpContext context, Answer answer)
    {
        switch (answer)
        {
            case Answer.TooManyRequests:
                return WriteAsync(context, 429, string.Create(CultureInfo.InvariantCulture, $"{{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after {RetryAfterSeconds}\",\"parameters\":{{\"retry_after\":{RetryAfterSeconds}}}}}"));
            case Answer.BadGateway:
                return WriteAsync(context, 502, "<html><body>502 Bad Gateway</body></html>", "text/html");
            default:
                context.Abort();
                return Task.CompletedTask;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    /// <summary>One sendMessage: when (test clock), to whom, what, and how it was answered.</summary>
    internal sealed record SendCall(DateTimeOffset Time, long ChatId, string Text, string? ParseMode, Answer Answer);
}
