using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Simulator.Tests;

/// <summary>
/// Test-local model of a Bithumb orderbook message or REST object, parsed strictly as the captured frames print it: prices
/// plain decimals without trailing zeros or ".0", sizes with at most 4 decimals, the message timestamp an integer.
/// </summary>
internal sealed partial record BithumbMessage(string? Type, string Code, long Timestamp, decimal TotalAskSize, decimal TotalBidSize, List<(decimal AskPrice, decimal BidPrice, decimal AskSize, decimal BidSize)> Units, string? StreamType, int? Level)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static BithumbMessage Parse(byte[] bytes) => Parse(JsonDocument.Parse(StrictUtf8.GetString(bytes)).RootElement);

    public static BithumbMessage Parse(JsonElement root)
    {
        var units = new List<(decimal, decimal, decimal, decimal)>();
        foreach (var unit in root.GetProperty("orderbook_units").EnumerateArray())
        {
            units.Add((Price(unit.GetProperty("ask_price")), Price(unit.GetProperty("bid_price")), Size(unit.GetProperty("ask_size")), Size(unit.GetProperty("bid_size"))));
        }

        var isRest = root.TryGetProperty("market", out var market);
        return new BithumbMessage(
            isRest ? null : root.GetProperty("type").GetString(),
            isRest ? market.GetString()! : root.GetProperty("code").GetString()!,
            root.GetProperty("timestamp").GetInt64(),
            Size(root.GetProperty("total_ask_size")),
            Size(root.GetProperty("total_bid_size")),
            units,
            root.TryGetProperty("stream_type", out var st) ? st.GetString() : null,
            root.TryGetProperty("level", out var level) ? level.GetInt32() : null);
    }

    public static bool TryParse(byte[] bytes, out BithumbMessage? message)
    {
        try
        {
            message = Parse(bytes);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or DecoderFallbackException or InvalidOperationException or KeyNotFoundException)
        {
            message = null;
            return false;
        }
    }

    /// <summary>A price: a plain non-negative decimal, no exponent, no trailing fractional zeros (so no ".0").</summary>
    public static decimal Price(JsonElement element) => Number(element, PlainPrice());

    /// <summary>A size: a plain non-negative decimal with at most 4 decimals, no trailing fractional zeros.</summary>
    public static decimal Size(JsonElement element) => Number(element, PlainSize());

    /// <summary>The bids the client holds: the units' bid sides whose size is not 0.</summary>
    public TruthLevel[] Bids => [.. Units.Where(u => u.BidSize != 0).Select(u => new TruthLevel(u.BidPrice, u.BidSize))];

    /// <summary>The asks the client holds: the units' ask sides whose size is not 0.</summary>
    public TruthLevel[] Asks => [.. Units.Where(u => u.AskSize != 0).Select(u => new TruthLevel(u.AskPrice, u.AskSize))];

    private static decimal Number(JsonElement element, Regex pattern)
    {
        var raw = element.ValueKind == JsonValueKind.Number ? element.GetRawText() : throw new FormatException("not a JSON number");
        return pattern.IsMatch(raw)
            ? decimal.Parse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{raw}' is not spelled as Bithumb prints it");
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.[0-9]{0,7}[1-9])?$")]
    private static partial Regex PlainPrice();

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.[0-9]{0,3}[1-9])?$")]
    private static partial Regex PlainSize();
}
