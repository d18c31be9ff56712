using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Simulator.Tests;

/// <summary>Test-local model of a Bybit v5 spot orderbook message (never the adapter's parser), parsed strictly.</summary>
internal sealed partial record BybitMessage(string Topic, long Ts, string Type, string Symbol, long U, long Seq, long Cts, List<(decimal Price, decimal Quantity)> Bids, List<(decimal Price, decimal Quantity)> Asks)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Parses {"topic","ts","type","data":{"s","b","a","u","seq"},"cts"} in that order; throws on anything Bybit would never send.</summary>
    public static BybitMessage Parse(byte[] bytes)
    {
        var text = StrictUtf8.GetString(bytes); // throws on invalid UTF-8
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(["topic", "ts", "type", "data", "cts"], root.EnumerateObject().Select(p => p.Name));
        var data = root.GetProperty("data");
        Assert.Equal(["s", "b", "a", "u", "seq"], data.EnumerateObject().Select(p => p.Name));
        var type = root.GetProperty("type").GetString()!;
        if (type is not ("snapshot" or "delta"))
        {
            throw new FormatException($"type '{type}'");
        }

        return new BybitMessage(
            root.GetProperty("topic").GetString()!,
            root.GetProperty("ts").GetInt64(),
            type,
            data.GetProperty("s").GetString()!,
            data.GetProperty("u").GetInt64(),
            data.GetProperty("seq").GetInt64(),
            root.GetProperty("cts").GetInt64(),
            Levels(data.GetProperty("b")),
            Levels(data.GetProperty("a")));
    }

    public static bool TryParse(byte[] bytes, out BybitMessage? message)
    {
        try
        {
            message = Parse(bytes);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or DecoderFallbackException or InvalidOperationException or KeyNotFoundException or Xunit.Sdk.XunitException)
        {
            message = null;
            return false;
        }
    }

    /// <summary>[["p","q"],…]: strings of plain decimals without trailing zeros, as Bybit's spot stream spells them.</summary>
    public static List<(decimal Price, decimal Quantity)> Levels(JsonElement array)
    {
        var result = new List<(decimal Price, decimal Quantity)>();
        foreach (var level in array.EnumerateArray())
        {
            if (level.GetArrayLength() != 2)
            {
                throw new FormatException("a level is a pair");
            }

            result.Add((Number(level[0].GetString()!), Number(level[1].GetString()!)));
        }

        return result;
    }

    public static decimal Number(string text) =>
        PlainDecimal().IsMatch(text)
            ? decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{text}' is not a Bybit decimal");

    /// <summary>The reply fields of a request answer: success, ret_msg, conn_id, req_id (null when absent), op.</summary>
    public static (bool Success, string Message, string ConnId, string? ReqId, string Op) Reply(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        return (
            root.GetProperty("success").GetBoolean(),
            root.GetProperty("ret_msg").GetString()!,
            root.GetProperty("conn_id").GetString()!,
            root.TryGetProperty("req_id", out var id) ? id.GetString() : null,
            root.GetProperty("op").GetString()!);
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")]
    private static partial Regex PlainDecimal();
}
