using System.Buffers;
using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// Writes Kraken's spot WS v2 and REST JSON (REFERENCE.md §8): book levels as JSON numbers in plain decimal text without
/// trailing zeros (<c>"price":0.566</c>, as Kraken sends them; the values are always on the pair's grid), RFC 3339
/// timestamps with microseconds, and the book checksum computed from the exact values.
/// </summary>
internal static class KrakenFrames
{
    /// <summary><c>{"channel":"heartbeat"}</c>.</summary>
    public static readonly byte[] Heartbeat = Encoding.ASCII.GetBytes("{\"channel\":\"heartbeat\"}");

    /// <summary>Levels per side the checksum covers.</summary>
    public const int ChecksumLevels = 10;

    /// <summary>
    /// <c>{"channel":"book","type":"snapshot"|"update","data":[{"symbol":..,"bids":[{"price":..,"qty":..}],"asks":[..],"checksum":..,"timestamp":..}]}</c>.
    /// </summary>
    /// <param name="corruption">When set (a value-level MalformedVariant), the first level written carries it.</param>
    public static byte[] Book(string symbol, bool snapshot, IReadOnlyList<Level> bids, IReadOnlyList<Level> asks, int priceScale, int quantityScale, uint checksum, long timestampMicros, MalformedVariant? corruption = null)
    {
        var buffer = new ArrayBufferWriter<byte>(160 + ((bids.Count + asks.Count) * 44));
        using (var w = SimJson.Writer(buffer))
        {
            w.WriteStartObject();
            w.WriteString("channel"u8, "book"u8);
            w.WriteString("type"u8, snapshot ? "snapshot"u8 : "update"u8);
            w.WriteStartArray("data"u8);
            w.WriteStartObject();
            w.WriteString("symbol"u8, symbol);
            var pending = corruption;
            WriteLevels(w, "bids"u8, bids, priceScale, quantityScale, ref pending);
            WriteLevels(w, "asks"u8, asks, priceScale, quantityScale, ref pending);
            w.WriteNumber("checksum"u8, checksum);
            w.WriteString("timestamp"u8, Timestamp(timestampMicros));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The CRC-32 of the top 10 asks (lowest first) then the top 10 bids (highest first): each level's price then
    /// quantity, written at the pair's precision (trailing zeros kept), the '.' removed and the leading zeros stripped.
    /// </summary>
    public static uint Checksum(Level[] bids, Level[] asks, int priceScale, int quantityScale)
    {
        var text = new StringBuilder(ChecksumLevels * 2 * 24);
        Append(text, asks, priceScale, quantityScale);
        Append(text, bids, priceScale, quantityScale);
        return Crc32(Encoding.ASCII.GetBytes(text.ToString()));
    }

    /// <summary>The standard IEEE CRC-32 (zlib), bit by bit: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>"2026-11-01T00:00:00.123456Z".</summary>
    public static string Timestamp(long micros) => UnixMicros.ToIso(micros);

    /// <summary>A subscribe/unsubscribe acknowledgement: <c>{"method":..,"req_id":..,"result":{"channel":"book","depth":..,["snapshot":..,]"symbol":..},"success":true,"time_in":..,"time_out":..}</c>.</summary>
    public static byte[] Ack(string method, long? requestId, string symbol, int depth, bool? snapshot, long timeMicros) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("method"u8, method);
        WriteRequestId(w, requestId);
        w.WriteStartObject("result"u8);
        w.WriteString("channel"u8, "book"u8);
        w.WriteNumber("depth"u8, depth);
        if (snapshot is { } s)
        {
            w.WriteBoolean("snapshot"u8, s);
        }

        w.WriteString("symbol"u8, symbol);
        w.WriteEndObject();
        w.WriteBoolean("success"u8, true);
        WriteTimes(w, timeMicros);
        w.WriteEndObject();
    });

    /// <summary>A refused request: <c>{"error":..,"method":..,"req_id":..,"success":false,["symbol":..,]"time_in":..,"time_out":..}</c>.</summary>
    public static byte[] Error(string error, string? method, long? requestId, string? symbol, long timeMicros) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("error"u8, error);
        if (method is not null)
        {
            w.WriteString("method"u8, method);
        }

        WriteRequestId(w, requestId);
        w.WriteBoolean("success"u8, false);
        if (symbol is not null)
        {
            w.WriteString("symbol"u8, symbol);
        }

        WriteTimes(w, timeMicros);
        w.WriteEndObject();
    });

    /// <summary>The answer to <c>{"method":"ping"}</c>: <c>{"method":"pong","req_id":..,"time_in":..,"time_out":..}</c>.</summary>
    public static byte[] Pong(long? requestId, long timeMicros) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("method"u8, "pong"u8);
        WriteRequestId(w, requestId);
        WriteTimes(w, timeMicros);
        w.WriteEndObject();
    });

    /// <summary>A REST answer that failed: <c>{"error":["EQuery:Unknown asset pair"]}</c>.</summary>
    public static byte[] RestError(string error) => SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("error"u8);
        w.WriteStringValue(error);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Plain decimal text of <paramref name="units"/> without trailing zeros ("0.566", "100000", "0.0001").</summary>
    public static int FormatNumber(long units, int scale, Span<byte> destination) => FixedPoint.Format(units, scale, destination, padToScale: false);

    private static void WriteLevels(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<Level> levels, int priceScale, int quantityScale, ref MalformedVariant? corruption)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            w.WriteStartObject();
            w.WritePropertyName("price"u8);
            switch (corruption)
            {
                case MalformedVariant.NotANumber:
                    w.WriteRawValue("NaN"u8, skipInputValidation: true);
                    break;
                case MalformedVariant.Huge:
                    w.WriteRawValue("1e400"u8, skipInputValidation: true);
                    break;
                default:
                    WriteNumber(w, level.Price, priceScale);
                    break;
            }

            w.WritePropertyName("qty"u8);
            switch (corruption)
            {
                case MalformedVariant.Negative:
                    w.WriteRawValue("-" + FixedPoint.Format(level.Quantity == 0 ? FixedPoint.Pow10(quantityScale) : level.Quantity, quantityScale), skipInputValidation: true);
                    break;
                case MalformedVariant.ExcessDecimals:
                    w.WriteRawValue(SimJson.TenDecimals(level.Quantity, quantityScale), skipInputValidation: true);
                    break;
                default:
                    WriteNumber(w, level.Quantity, quantityScale);
                    break;
            }

            corruption = null;
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FormatNumber(units, scale, buffer);
        w.WriteRawValue(buffer[..n], skipInputValidation: true);
    }

    private static void WriteRequestId(Utf8JsonWriter w, long? requestId)
    {
        if (requestId is { } id)
        {
            w.WriteNumber("req_id"u8, id);
        }
    }

    private static void WriteTimes(Utf8JsonWriter w, long timeMicros)
    {
        w.WriteString("time_in"u8, Timestamp(timeMicros));
        w.WriteString("time_out"u8, Timestamp(timeMicros));
    }

    private static void Append(StringBuilder text, Level[] levels, int priceScale, int quantityScale)
    {
        for (var i = 0; i < levels.Length && i < ChecksumLevels; i++)
        {
            text.Append(ChecksumText(levels[i].Price, priceScale));
            text.Append(ChecksumText(levels[i].Quantity, quantityScale));
        }
    }

    /// <summary>"0.5660" at precision 4 → "05660" without the '.' → "5660" without the leading zeros.</summary>
    private static string ChecksumText(long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FixedPoint.Format(units, scale, buffer, padToScale: true);
        var digits = Encoding.ASCII.GetString(buffer[..n]).Replace(".", "", StringComparison.Ordinal);
        return digits.TrimStart('0');
    }
}
