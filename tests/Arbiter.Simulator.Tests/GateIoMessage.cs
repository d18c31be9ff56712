using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Simulator.Tests;

/// <summary>Test-local model of a Gate.io <c>spot.order_book_update</c> notification (never the adapter's parser), parsed strictly.</summary>
internal sealed partial record GateIoMessage(long Time, long TimeMs, long T, bool Full, string? Depth, string Pair, long FirstId, long LastId, List<(decimal Price, decimal Quantity)> Bids, List<(decimal Price, decimal Quantity)> Asks)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Parses a notification; throws on anything Gate would never send (bad UTF-8 or JSON, non-canonical or non-positive numbers).</summary>
    public static GateIoMessage Parse(byte[] bytes)
    {
        using var document = JsonDocument.Parse(StrictUtf8.GetString(bytes));
        var root = document.RootElement;
        if (root.GetProperty("channel").GetString() != "spot.order_book_update" || root.GetProperty("event").GetString() != "update")
        {
            throw new FormatException("not an order book update");
        }

        var result = root.GetProperty("result");
        if (result.GetProperty("e").GetString() != "depthUpdate")
        {
            throw new FormatException("not a depthUpdate");
        }

        var full = result.TryGetProperty("full", out var f) && f.GetBoolean();
        return new GateIoMessage(
            root.GetProperty("time").GetInt64(),
            root.GetProperty("time_ms").GetInt64(),
            result.GetProperty("t").GetInt64(),
            full,
            result.TryGetProperty("l", out var l) ? l.GetString() : null,
            result.GetProperty("s").GetString()!,
            result.GetProperty("U").GetInt64(),
            result.GetProperty("u").GetInt64(),
            Levels(result.GetProperty("b")),
            Levels(result.GetProperty("a")));
    }

    public static bool TryParse(byte[] bytes, out GateIoMessage? message)
    {
        try
        {
            message = Parse(bytes);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or DecoderFallbackException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            message = null;
            return false;
        }
    }

    /// <summary>[["p","q"],…] with Gate's plain decimal strings (no trailing zeros, no exponent, no sign); prices positive.</summary>
    public static List<(decimal Price, decimal Quantity)> Levels(JsonElement array)
    {
        var result = new List<(decimal Price, decimal Quantity)>();
        foreach (var level in array.EnumerateArray())
        {
            if (level.GetArrayLength() != 2)
            {
                throw new FormatException("a level is [price, amount]");
            }

            var price = Number(level[0].GetString()!);
            if (price <= 0)
            {
                throw new FormatException("price must be positive");
            }

            result.Add((price, Number(level[1].GetString()!)));
        }

        return result;
    }

    public static decimal Number(string text) =>
        Canonical().IsMatch(text)
            ? decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{text}' is not a plain Gate decimal");

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")]
    private static partial Regex Canonical();
}
