using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Simulator.Tests;

/// <summary>Test-local model of a Binance depthUpdate (never the adapters' parser), parsed strictly.</summary>
internal sealed partial record BinanceDiffFrame(string? Stream, long EventTime, string Symbol, long FirstId, long LastId, List<(decimal Price, decimal Quantity)> Bids, List<(decimal Price, decimal Quantity)> Asks)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Parses a raw payload or a combined-stream frame; throws on anything Binance would never send.</summary>
    public static BinanceDiffFrame Parse(byte[] bytes)
    {
        var text = StrictUtf8.GetString(bytes); // throws on invalid UTF-8
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        string? stream = null;
        if (root.TryGetProperty("stream", out var streamElement))
        {
            stream = streamElement.GetString();
            root = root.GetProperty("data");
        }

        if (root.GetProperty("e").GetString() != "depthUpdate")
        {
            throw new FormatException("not a depthUpdate");
        }

        return new BinanceDiffFrame(
            stream,
            root.GetProperty("E").GetInt64(),
            root.GetProperty("s").GetString()!,
            root.GetProperty("U").GetInt64(),
            root.GetProperty("u").GetInt64(),
            Levels(root.GetProperty("b")),
            Levels(root.GetProperty("a")));
    }

    public static bool TryParse(byte[] bytes, out BinanceDiffFrame? frame)
    {
        try
        {
            frame = Parse(bytes);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or DecoderFallbackException or InvalidOperationException or KeyNotFoundException)
        {
            frame = null;
            return false;
        }
    }

    /// <summary>[["p","q"],…] with Binance's 8-decimal strings.</summary>
    public static List<(decimal Price, decimal Quantity)> Levels(JsonElement array)
    {
        var result = new List<(decimal Price, decimal Quantity)>();
        foreach (var level in array.EnumerateArray())
        {
            result.Add((Number(level[0].GetString()!), Number(level[1].GetString()!)));
        }

        return result;
    }

    public static decimal Number(string text) =>
        EightDecimals().IsMatch(text)
            ? decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{text}' is not a Binance 8-decimal number");

    [GeneratedRegex(@"^[0-9]+\.[0-9]{8}$")]
    private static partial Regex EightDecimals();
}
