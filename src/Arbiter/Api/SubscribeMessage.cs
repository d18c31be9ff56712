using System.Text.Json;

namespace Arbiter.Api;

/// <summary>
/// Reads the one message a WebSocket client may send: <c>{"type":"subscribe","assets":["BTC"],"venues":["upbit"]}</c>
/// (a missing, null or empty list = all). Anything else is refused with an error that names the problem.
/// </summary>
public static class SubscribeMessage
{
    /// <summary>The largest client message accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 4096;

    /// <summary>Parses <paramref name="utf8"/>; on failure returns false and an error naming the bad part.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SubscriptionFilter filter, out string error)
    {
        filter = SubscriptionFilter.All;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            error = "message is not valid JSON";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "message must be a JSON object with a \"type\"";
                return false;
            }

            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                error = "message has no string \"type\"; the only client message is {\"type\":\"subscribe\",\"assets\":[...],\"venues\":[...]}";
                return false;
            }

            if (type.GetString() != "subscribe")
            {
                error = $"unknown message type '{Shorten(type.GetString())}'; the only client message is subscribe";
                return false;
            }

            if (!TryReadList(root, "assets", out var assets, out error) || !TryReadList(root, "venues", out var venues, out error))
            {
                return false;
            }

            return SubscriptionFilter.TryCreate(assets, venues, out filter, out error);
        }
    }

    private static bool TryReadList(JsonElement root, string name, out List<string> values, out string error)
    {
        values = [];
        error = "";
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            error = $"{name} must be an array of strings";
            return false;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = $"{name} must be an array of strings (found a {item.ValueKind.ToString().ToLowerInvariant()})";
                return false;
            }

            values.Add(item.GetString()!);
        }

        return true;
    }

    private static string Shorten(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";
}
