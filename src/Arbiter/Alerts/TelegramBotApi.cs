using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Arbiter.Alerts;

/// <summary>
/// The two Bot API methods the bot uses, over a plain <see cref="HttpClient"/>: <c>getUpdates</c> (long polling) and
/// <c>sendMessage</c>. Requests are JSON POSTs to <c>{BaseUrl}/bot{token}/{method}</c>; every expected failure (API error
/// JSON, HTTP status, network, timeout) is a <see cref="TelegramError"/> value whose text never contains the token.
/// </summary>
/// <remarks>
/// The token is part of the request path, so anything that logs request URIs (an IHttpClientFactory handler's default
/// logging) would leak it: give this class a plain HttpClient.
/// </remarks>
public sealed class TelegramBotApi
{
    /// <summary>Parse mode of every message sent (<see cref="AlertFormatter"/> escapes for it).</summary>
    public const string ParseMode = "HTML";

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient http;
    private readonly string baseUrl;
    private readonly string token;

    public TelegramBotApi(HttpClient http, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        if (!options.Enabled)
        {
            throw new ArgumentException("Alerts:Telegram:BotToken is empty: the bot is off.", nameof(options));
        }

        baseUrl = options.BaseUrl.TrimEnd('/');
        token = options.BotToken!;
    }

    /// <summary>Updates after <paramref name="offset"/> − 1 (messages only), waiting up to <paramref name="timeout"/> for one to arrive.</summary>
    public Task<TelegramResult<IReadOnlyList<TelegramUpdate>>> GetUpdatesAsync(long offset, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
        var body = Json(w =>
        {
            w.WriteNumber("offset"u8, offset);
            w.WriteNumber("timeout"u8, seconds);
            w.WriteStartArray("allowed_updates"u8);
            w.WriteStringValue("message"u8);
            w.WriteEndArray();
        });

        // The server holds the request up to the poll timeout: allow that plus a margin before calling it a timeout.
        return CallAsync("getUpdates", body, TimeSpan.FromSeconds(seconds) + SendTimeout, ParseUpdates, cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/> (HTML parse mode, no link previews) to <paramref name="chatId"/>; the value is the sent message's id.</summary>
    public Task<TelegramResult<long>> SendMessageAsync(long chatId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = Json(w =>
        {
            w.WriteNumber("chat_id"u8, chatId);
            w.WriteString("text"u8, text);
            w.WriteString("parse_mode"u8, ParseMode);
            w.WriteStartObject("link_preview_options"u8);
            w.WriteBoolean("is_disabled"u8, true);
            w.WriteEndObject();
        });
        return CallAsync("sendMessage", body, SendTimeout, ParseMessageId, cancellationToken);
    }

    /// <summary><paramref name="text"/> with the token replaced by "…" (errors from the HTTP stack may quote the URL).</summary>
    public string Redact(string text) => string.IsNullOrEmpty(text) ? text : text.Replace(token, "…", StringComparison.Ordinal);

    private async Task<TelegramResult<T>> CallAsync<T>(string method, byte[] body, TimeSpan timeout, Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{baseUrl}/bot{token}/{method}"));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            return Interpret(method, (int)response.StatusCode, response.ReasonPhrase, bytes, parse);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TelegramResult<T>.Failed(new TelegramError(null, string.Create(CultureInfo.InvariantCulture, $"{method}: timeout after {timeout.TotalSeconds:0.#} s")));
        }
        catch (HttpRequestException ex)
        {
            return TelegramResult<T>.Failed(new TelegramError(null, Redact($"{method}: {ex.Message}")));
        }
    }

    private TelegramResult<T> Interpret<T>(string method, int status, string? reason, byte[] bytes, Func<JsonElement, T> parse)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok"u8, out var ok) && ok.ValueKind == JsonValueKind.True && root.TryGetProperty("result"u8, out var result))
            {
                return TelegramResult<T>.Success(parse(result));
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ok"u8, out ok) && ok.ValueKind == JsonValueKind.False)
            {
                var code = root.TryGetProperty("error_code"u8, out var c) && c.TryGetInt32(out var n) ? n : status;
                var description = root.TryGetProperty("description"u8, out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "";
                TimeSpan? retryAfter = root.TryGetProperty("parameters"u8, out var p) && p.ValueKind == JsonValueKind.Object
                    && p.TryGetProperty("retry_after"u8, out var r) && r.TryGetInt32(out var s) ? TimeSpan.FromSeconds(Math.Max(0, s)) : null;
                return TelegramResult<T>.Failed(new TelegramError(code, Redact($"{method}: {description}"), retryAfter));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Not the Bot API's JSON (a proxy's error page): fall through to the HTTP status.
        }

        return TelegramResult<T>.Failed(new TelegramError(status is >= 200 and < 300 ? 502 : status, Redact($"{method}: HTTP {status} {reason} without a Bot API answer")));
    }

    private static IReadOnlyList<TelegramUpdate> ParseUpdates(JsonElement result)
    {
        var updates = new List<TelegramUpdate>();
        if (result.ValueKind != JsonValueKind.Array)
        {
            return updates;
        }

        foreach (var update in result.EnumerateArray())
        {
            if (!update.TryGetProperty("update_id"u8, out var idElement) || !idElement.TryGetInt64(out var id))
            {
                continue;
            }

            long chatId = 0;
            long? fromId = null;
            string? text = null;
            if (update.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.Object)
            {
                if (message.TryGetProperty("chat"u8, out var chat) && chat.TryGetProperty("id"u8, out var chatIdElement) && chatIdElement.TryGetInt64(out var c))
                {
                    chatId = c;
                }

                if (message.TryGetProperty("from"u8, out var from) && from.TryGetProperty("id"u8, out var fromIdElement) && fromIdElement.TryGetInt64(out var f))
                {
                    fromId = f;
                }

                if (message.TryGetProperty("text"u8, out var t) && t.ValueKind == JsonValueKind.String)
                {
                    text = t.GetString();
                }
            }

            updates.Add(new TelegramUpdate(id, chatId, fromId, text));
        }

        return updates;
    }

    private static long ParseMessageId(JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("message_id"u8, out var id) && id.TryGetInt64(out var value) ? value : 0;

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
