using System.Buffers;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Writes OKX v5 public JSON as OKX does (REFERENCE §7): levels <c>["px","sz","0","numOrders"]</c>, all strings, prices and
/// sizes in plain decimals without padding ("97000.1", "0.5", "2"), <c>ts</c> a string of milliseconds, sequence ids and
/// the checksum JSON numbers.
/// </summary>
internal static class OkxFrames
{
    public const string Channel = "books";

    /// <summary>Canonical decimal text without trailing zeros or exponent ("97000", "0.00012").</summary>
    public static string Number(long units, int scale) => FixedPoint.Format(units, scale);

    /// <summary>
    /// A <c>books</c> push: <c>{"arg":{"channel":"books","instId":..},"action":..,"data":[{"asks":[..],"bids":[..],"ts":"..",
    /// "checksum":..,"prevSeqId":..,"seqId":..}]}</c>; levels best first, size 0 = delete.
    /// </summary>
    /// <param name="corruption">When set (a value-level MalformedVariant), the first level written carries it; a push without levels gets one, the <paramref name="fallback"/> level.</param>
    public static byte[] Push(
        string instId,
        string action,
        IReadOnlyList<Level> bids,
        IReadOnlyList<Level> asks,
        long tsMillis,
        int checksum,
        long prevSeqId,
        long seqId,
        int priceScale,
        int quantityScale,
        MalformedVariant? corruption = null,
        Level? fallback = null)
    {
        var buffer = new ArrayBufferWriter<byte>(192 + ((bids.Count + asks.Count) * 44));
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            WriteArg(w, instId);
            w.WriteString("action"u8, action);
            w.WriteStartArray("data"u8);
            w.WriteStartObject();
            var pending = corruption;
            if (pending is not null && bids.Count == 0 && asks.Count == 0 && fallback is { } level)
            {
                WriteLevels(w, "asks"u8, [], priceScale, quantityScale, ref pending);
                WriteLevels(w, "bids"u8, [level], priceScale, quantityScale, ref pending);
            }
            else
            {
                WriteLevels(w, "asks"u8, asks, priceScale, quantityScale, ref pending);
                WriteLevels(w, "bids"u8, bids, priceScale, quantityScale, ref pending);
            }

            w.WriteString("ts"u8, tsMillis.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("checksum"u8, checksum);
            w.WriteNumber("prevSeqId"u8, prevSeqId);
            w.WriteNumber("seqId"u8, seqId);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>GET /api/v5/market/books: <c>{"code":"0","msg":"","data":[{"asks":[..],"bids":[..],"ts":"..","seqId":..}]}</c>, top <paramref name="depth"/> per side.</summary>
    public static byte[] Books(BookVersion version, int depth) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("code"u8, "0"u8);
        w.WriteString("msg"u8, ""u8);
        w.WriteStartArray("data"u8);
        w.WriteStartObject();
        var none = (MalformedVariant?)null;
        WriteLevels(w, "asks"u8, Top(version.Asks, depth), version.PriceScale, version.QuantityScale, ref none);
        WriteLevels(w, "bids"u8, Top(version.Bids, depth), version.PriceScale, version.QuantityScale, ref none);
        w.WriteString("ts"u8, (version.TimestampMicros / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("seqId"u8, version.Sequence);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A REST error answer: <c>{"code":"51001","msg":"Instrument ID does not exist.","data":[]}</c>.</summary>
    public static byte[] RestError(string code, string message) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("code"u8, code);
        w.WriteString("msg"u8, message);
        w.WriteStartArray("data"u8);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A subscribe or unsubscribe acknowledgement: <c>{"event":"subscribe","arg":{"channel":"books","instId":..},"connId":..}</c>.</summary>
    public static byte[] Ack(string op, string channel, string instId, string connId) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("event"u8, op);
        w.WriteStartObject("arg"u8);
        w.WriteString("channel"u8, channel);
        w.WriteString("instId"u8, instId);
        w.WriteEndObject();
        w.WriteString("connId"u8, connId);
        w.WriteEndObject();
    });

    /// <summary>An error event: <c>{"event":"error","code":"60012","msg":"Invalid request: ..","connId":..}</c>.</summary>
    public static byte[] Error(string code, string message, string connId) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("event"u8, "error"u8);
        w.WriteString("code"u8, code);
        w.WriteString("msg"u8, message);
        w.WriteString("connId"u8, connId);
        w.WriteEndObject();
    });

    /// <summary>The number of orders OKX shows at a level: any small count; derived from the level so that it is the same wherever the level is written.</summary>
    public static int OrderCount(Level level) => level.Quantity == 0 ? 0 : 1 + (int)((ulong)((level.Price * 31) ^ level.Quantity) % 17);

    private static void WriteArg(Utf8JsonWriter w, string instId)
    {
        w.WriteStartObject("arg"u8);
        w.WriteString("channel"u8, Channel);
        w.WriteString("instId"u8, instId);
        w.WriteEndObject();
    }

    private static Level[] Top(Level[] levels, int depth) => levels.Length <= depth ? levels : levels[..depth];

    private static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<Level> levels, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < levels.Count; i++)
        {
            WriteLevel(w, levels[i], priceScale, quantityScale, corruption);
            corruption = null;
        }

        w.WriteEndArray();
    }

    private static void WriteLevel(Utf8JsonWriter w, Level level, int priceScale, int quantityScale, MalformedVariant? corruption)
    {
        w.WriteStartArray();
        var price = Number(level.Price, priceScale);
        var size = Number(level.Quantity, quantityScale);
        switch (corruption)
        {
            case MalformedVariant.NotANumber:
                price = "NaN";
                break;
            case MalformedVariant.Huge:
                price = "1e400";
                break;
            case MalformedVariant.Negative:
                size = "-" + Number(level.Quantity == 0 ? FixedPoint.Pow10(quantityScale) : level.Quantity, quantityScale);
                break;
            case MalformedVariant.ExcessDecimals:
                size = SimJson.TenDecimals(level.Quantity, quantityScale);
                break;
        }

        w.WriteStringValue(price);
        w.WriteStringValue(size);
        w.WriteStringValue("0"u8);
        w.WriteStringValue(OrderCount(level).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndArray();
    }
}
