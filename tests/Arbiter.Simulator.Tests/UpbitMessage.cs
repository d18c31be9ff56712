using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Simulator.Tests;

/// <summary>Test-local model of an Upbit orderbook message or REST object, parsed strictly (plain decimal numbers only).</summary>
internal sealed partial record UpbitMessage(string? Type, string Code, long Timestamp, decimal TotalAskSize, decimal TotalBidSize, List<(decimal AskPrice, decimal BidPrice, decimal AskSize, decimal BidSize)> Units, string? StreamType, int Level)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static UpbitMessage Parse(byte[] bytes) => Parse(JsonDocument.Parse(StrictUtf8.GetString(bytes)).RootElement);

    public static UpbitMessage Parse(JsonElement root)
    {
        var units = new List<(decimal, decimal, decimal, decimal)>();
        foreach (var unit in root.GetProperty("orderbook_units").EnumerateArray())
        {
            units.Add((Number(unit.GetProperty("ask_price")), Number(unit.GetProperty("bid_price")), Number(unit.GetProperty("ask_size")), Number(unit.GetProperty("bid_size"))));
        }

        var isRest = root.TryGetProperty("market", out var market);
        return new UpbitMessage(
            isRest ? null : root.GetProperty("type").GetString(),
            isRest ? market.GetString()! : root.GetProperty("code").GetString()!,
            root.GetProperty("timestamp").GetInt64(),
            Number(root.GetProperty("total_ask_size")),
            Number(root.GetProperty("total_bid_size")),
            units,
            root.TryGetProperty("stream_type", out var st) ? st.GetString() : null,
            root.GetProperty("level").GetInt32());
    }

    public static bool TryParse(byte[] bytes, out UpbitMessage? message)
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

    /// <summary>A JSON number written as a plain, non-negative decimal, with at most 8 decimals.</summary>
    public static decimal Number(JsonElement element)
    {
        var raw = element.ValueKind == JsonValueKind.Number ? element.GetRawText() : throw new FormatException("not a JSON number");
        return PlainDecimal().IsMatch(raw)
            ? decimal.Parse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{raw}' is not a plain decimal with at most 8 decimals");
    }

    public TruthLevel[] Bids => Units.Select(u => new TruthLevel(u.BidPrice, u.BidSize)).ToArray();

    public TruthLevel[] Asks => Units.Select(u => new TruthLevel(u.AskPrice, u.AskSize)).ToArray();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]{1,8})?$")]
    private static partial Regex PlainDecimal();
}
