using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Arbiter.Simulator.Tests;

/// <summary>Test-local model of a Kraken WS v2 book message, parsed strictly: plain non-negative decimal JSON numbers, an RFC 3339 UTC timestamp.</summary>
internal sealed partial record KrakenMessage(string Type, string Symbol, List<TruthLevel> Bids, List<TruthLevel> Asks, uint Checksum, long Timestamp)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static KrakenMessage Parse(byte[] bytes)
    {
        using var document = JsonDocument.Parse(StrictUtf8.GetString(bytes));
        var root = document.RootElement;
        if (root.GetProperty("channel").GetString() != "book")
        {
            throw new FormatException("not a book message");
        }

        var type = root.GetProperty("type").GetString()!;
        var data = root.GetProperty("data");
        if (data.GetArrayLength() != 1)
        {
            throw new FormatException("a book message has one data item");
        }

        var item = data[0];
        return new KrakenMessage(
            type,
            item.GetProperty("symbol").GetString()!,
            Levels(item.GetProperty("bids")),
            Levels(item.GetProperty("asks")),
            item.GetProperty("checksum").GetUInt32(),
            Micros(item.GetProperty("timestamp").GetString()!));
    }

    public static bool TryParse(byte[] bytes, out KrakenMessage? message)
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

    /// <summary>"2026-01-01T00:00:00.123456Z" as unix microseconds; exactly six fractional digits and a Z.</summary>
    public static long Micros(string text)
    {
        if (!Rfc3339().IsMatch(text))
        {
            throw new FormatException($"'{text}' is not an RFC 3339 UTC time with microseconds");
        }

        var value = DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (value.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
    }

    /// <summary>A JSON number written as a plain, non-negative decimal (no exponent, no trailing fractional zeros).</summary>
    public static decimal Number(JsonElement element)
    {
        var raw = element.ValueKind == JsonValueKind.Number ? element.GetRawText() : throw new FormatException("not a JSON number");
        if (!PlainDecimal().IsMatch(raw) || (raw.Contains('.') && raw.EndsWith('0')))
        {
            throw new FormatException($"'{raw}' is not a plain decimal without trailing zeros");
        }

        return decimal.Parse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private static List<TruthLevel> Levels(JsonElement array)
    {
        var levels = new List<TruthLevel>();
        foreach (var level in array.EnumerateArray())
        {
            if (level.EnumerateObject().Count() != 2)
            {
                throw new FormatException("a level has price and qty only");
            }

            levels.Add(new TruthLevel(Number(level.GetProperty("price")), Number(level.GetProperty("qty"))));
        }

        return levels;
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.[0-9]{1,8})?$")]
    private static partial Regex PlainDecimal();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex Rfc3339();
}

/// <summary>
/// A test-local Kraken book: a snapshot replaces it, an update sets its levels (quantity 0 removes), then each side is
/// truncated to the subscribed depth; the checksum is computed independently of the simulator (REFERENCE §8).
/// </summary>
internal sealed class KrakenLocalBook(int depth, int priceDecimals, int quantityDecimals)
{
    private readonly SortedDictionary<decimal, decimal> bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> asks = new();

    public long Timestamp { get; private set; }

    /// <summary>True once an update left more than the depth on a side before truncation (a level pushed out without a delete).</summary>
    public bool Truncated { get; private set; }

    public TruthLevel[] Bids => [.. bids.Select(p => new TruthLevel(p.Key, p.Value))];

    public TruthLevel[] Asks => [.. asks.Select(p => new TruthLevel(p.Key, p.Value))];

    public void Apply(KrakenMessage message)
    {
        if (message.Type == "snapshot")
        {
            bids.Clear();
            asks.Clear();
        }

        Set(bids, message.Bids);
        Set(asks, message.Asks);
        Truncated |= bids.Count > depth || asks.Count > depth;
        Truncate(bids);
        Truncate(asks);
        Timestamp = message.Timestamp;
    }

    public uint Checksum()
    {
        var text = new StringBuilder();
        foreach (var (price, quantity) in asks.Take(10))
        {
            text.Append(Digits(price, priceDecimals)).Append(Digits(quantity, quantityDecimals));
        }

        foreach (var (price, quantity) in bids.Take(10))
        {
            text.Append(Digits(price, priceDecimals)).Append(Digits(quantity, quantityDecimals));
        }

        return TestCrc32.Compute(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private static string Digits(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).TrimStart('0');

    private static void Set(SortedDictionary<decimal, decimal> side, List<TruthLevel> levels)
    {
        foreach (var (price, quantity) in levels)
        {
            if (quantity == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = quantity;
            }
        }
    }

    private void Truncate(SortedDictionary<decimal, decimal> side)
    {
        foreach (var price in side.Keys.Skip(depth).ToList())
        {
            side.Remove(price);
        }
    }
}

/// <summary>Table-driven IEEE CRC-32 (zlib), written here so that the test does not share the simulator's code.</summary>
internal static class TestCrc32
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    public static uint Compute(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
