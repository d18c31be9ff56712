using System.Globalization;
using System.Text.Json;

namespace Arbiter.Simulator.Tests;

/// <summary>One level of an OKX push as sent: four strings.</summary>
internal sealed record OkxLevel(string Price, string Size, string Deprecated, string Orders)
{
    public decimal PriceValue => decimal.Parse(Price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public decimal SizeValue => decimal.Parse(Size, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public TruthLevel ToTruth() => new(PriceValue, SizeValue);
}

/// <summary>An OKX <c>books</c> push or REST books answer parsed with JsonDocument in the test (not with the adapter).</summary>
internal sealed class OkxPush
{
    public string? Channel { get; private init; }

    public string? InstId { get; private init; }

    public string? Action { get; private init; }

    public List<OkxLevel> Asks { get; } = [];

    public List<OkxLevel> Bids { get; } = [];

    public long Ts { get; private init; }

    public int? Checksum { get; private init; }

    public long? PrevSeqId { get; private init; }

    public long SeqId { get; private init; }

    public bool IsKeepAlive => Asks.Count == 0 && Bids.Count == 0 && PrevSeqId == SeqId;

    /// <summary>A push <c>{"arg":..,"action":..,"data":[{..}]}</c> or a REST answer <c>{"code":"0","msg":"","data":[{..}]}</c>.</summary>
    public static OkxPush Parse(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return Parse(document.RootElement);
    }

    public static bool TryParse(byte[] utf8, out OkxPush? push)
    {
        try
        {
            push = Parse(utf8);
            return push.Asks.Concat(push.Bids).All(l => decimal.TryParse(l.Price, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p > 0
                && decimal.TryParse(l.Size, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException or FormatException)
        {
            push = null;
            return false;
        }
    }

    public static OkxPush Parse(JsonElement root)
    {
        var data = root.GetProperty("data");
        Assert.Equal(1, data.GetArrayLength());
        var item = data[0];
        var push = new OkxPush
        {
            Channel = root.TryGetProperty("arg", out var arg) ? arg.GetProperty("channel").GetString() : null,
            InstId = root.TryGetProperty("arg", out arg) ? arg.GetProperty("instId").GetString() : null,
            Action = root.TryGetProperty("action", out var action) ? action.GetString() : null,
            Ts = long.Parse(item.GetProperty("ts").GetString()!, NumberStyles.None, CultureInfo.InvariantCulture),
            Checksum = item.TryGetProperty("checksum", out var checksum) ? checksum.GetInt32() : null,
            PrevSeqId = item.TryGetProperty("prevSeqId", out var prev) ? prev.GetInt64() : null,
            SeqId = item.GetProperty("seqId").GetInt64(),
        };
        Read(item.GetProperty("asks"), push.Asks);
        Read(item.GetProperty("bids"), push.Bids);
        return push;
    }

    private static void Read(JsonElement levels, List<OkxLevel> into)
    {
        foreach (var level in levels.EnumerateArray())
        {
            Assert.Equal(4, level.GetArrayLength());
            into.Add(new OkxLevel(level[0].GetString()!, level[1].GetString()!, level[2].GetString()!, level[3].GetString()!));
        }
    }
}

/// <summary>The test's own copy of an OKX book (levels kept as the strings sent) and its own checksum (REFERENCE §7).</summary>
internal sealed class OkxTestBook
{
    private readonly SortedDictionary<decimal, OkxLevel> bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, OkxLevel> asks = new();

    public long SeqId { get; private set; }

    public void Apply(OkxPush push)
    {
        if (push.Action != "update")
        {
            bids.Clear();
            asks.Clear();
        }

        foreach (var level in push.Bids)
        {
            Set(bids, level);
        }

        foreach (var level in push.Asks)
        {
            Set(asks, level);
        }

        SeqId = push.SeqId;
    }

    public TruthLevel[] Bids => [.. bids.Values.Select(l => l.ToTruth())];

    public TruthLevel[] Asks => [.. asks.Values.Select(l => l.ToTruth())];

    /// <summary>CRC-32 of "bid1px:bid1sz:ask1px:ask1sz:…" over the top 25 of each side, as a signed int.</summary>
    public int Checksum()
    {
        var b = bids.Values.Take(25).ToArray();
        var a = asks.Values.Take(25).ToArray();
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < b.Length)
            {
                parts.Add(b[i].Price + ":" + b[i].Size);
            }

            if (i < a.Length)
            {
                parts.Add(a[i].Price + ":" + a[i].Size);
            }
        }

        return OkxTestCrc32.Signed(string.Join(":", parts));
    }

    private static void Set(SortedDictionary<decimal, OkxLevel> side, OkxLevel level)
    {
        if (level.SizeValue == 0)
        {
            side.Remove(level.PriceValue);
        }
        else
        {
            side[level.PriceValue] = level;
        }
    }
}

/// <summary>A bit-by-bit CRC-32 (IEEE, reflected, as zlib), written for the tests without a table.</summary>
internal static class OkxTestCrc32
{
    public static int Signed(string ascii)
    {
        var crc = uint.MaxValue;
        foreach (var c in ascii)
        {
            crc ^= (byte)c;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return unchecked((int)~crc);
    }
}
