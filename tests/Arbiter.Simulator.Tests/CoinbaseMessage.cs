using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Arbiter.Simulator.Tests;

/// <summary>One l2_data event, read back with JsonDocument: its levels as decimals, bids and offers as sent.</summary>
internal sealed record CoinbaseEvent(string Type, string ProductId, List<(string Side, string EventTime, decimal Price, decimal Quantity)> Updates)
{
    public IEnumerable<(decimal Price, decimal Quantity)> Side(string side) => Updates.Where(u => u.Side == side).Select(u => (u.Price, u.Quantity));
}

/// <summary>A Coinbase Advanced Trade message parsed independently of the simulator and the adapter (JsonDocument only).</summary>
internal sealed record CoinbaseMessage(string? Channel, string? Type, string? Message, long TimestampMicros, long SequenceNum, JsonElement Events)
{
    public static CoinbaseMessage Parse(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement.Clone();
        string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var timestamp = Str("timestamp") is { } text ? ParseRfc3339Micros(text) : 0;
        var sequence = root.TryGetProperty("sequence_num", out var s) ? s.GetInt64() : -1;
        var events = root.TryGetProperty("events", out var e) ? e : default;
        return new CoinbaseMessage(Str("channel"), Str("type"), Str("message"), timestamp, sequence, events);
    }

    public static bool TryParse(byte[] bytes, out CoinbaseMessage? message)
    {
        try
        {
            message = Parse(bytes);
            _ = message.L2Events().ToList();
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            message = null;
            return false;
        }
    }

    /// <summary>The l2_data events, with prices and sizes parsed as invariant decimals (a plain decimal string only).</summary>
    public IEnumerable<CoinbaseEvent> L2Events()
    {
        foreach (var e in Events.EnumerateArray())
        {
            var updates = new List<(string, string, decimal, decimal)>();
            foreach (var u in e.GetProperty("updates").EnumerateArray())
            {
                updates.Add((u.GetProperty("side").GetString()!, u.GetProperty("event_time").GetString()!, Plain(u.GetProperty("price_level").GetString()!), Plain(u.GetProperty("new_quantity").GetString()!)));
            }

            yield return new CoinbaseEvent(e.GetProperty("type").GetString()!, e.GetProperty("product_id").GetString()!, updates);
        }
    }

    /// <summary>Parses "2026-01-01T00:00:00.1234567Z" to unix µs, truncating below the microsecond; throws on anything else.</summary>
    public static long ParseRfc3339Micros(string text)
    {
        if (!text.EndsWith('Z') || text.Length < 20 || text[10] != 'T')
        {
            throw new FormatException($"not RFC 3339 UTC: {text}");
        }

        var seconds = DateTime.ParseExact(text[..19], "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var micros = (long)(seconds - DateTime.UnixEpoch).Ticks / 10;
        var rest = text[19..^1];
        if (rest.Length == 0)
        {
            return micros;
        }

        if (rest[0] != '.' || rest.Length < 2 || rest.Length > 10 || !rest[1..].All(char.IsAsciiDigit) || rest.EndsWith('0'))
        {
            throw new FormatException($"bad fraction (trailing zeros are trimmed in RFC3339Nano): {text}");
        }

        var digits = rest[1..].PadRight(9, '0');
        return micros + long.Parse(digits[..6], CultureInfo.InvariantCulture);
    }

    private static decimal Plain(string text)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c == '.') || (text.Contains('.') && text.EndsWith('0')))
        {
            throw new FormatException($"not a plain decimal without trailing zeros: {text}");
        }

        return decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    public override string ToString() => $"{Channel ?? Type} #{SequenceNum}";

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
