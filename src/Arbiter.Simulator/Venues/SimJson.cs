using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>Exact number text of the venues and a compact JSON writer: numbers never pass through double.</summary>
internal static class SimJson
{
    /// <summary>Binance writes every price and quantity with 8 decimals ("0.01000000").</summary>
    public const int BinanceDecimals = 8;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Korean names stay readable UTF-8, as Upbit sends them
        SkipValidation = true,
    };

    public static Utf8JsonWriter Writer(ArrayBufferWriter<byte> buffer) => new(buffer, WriterOptions);

    /// <summary>"137002000.00000000"-style text: 8 decimals, no exponent.</summary>
    public static int FormatBinance(long units, int scale, Span<byte> destination) =>
        FixedPoint.Format(units * FixedPoint.Pow10(BinanceDecimals - scale), BinanceDecimals, destination, padToScale: true);

    public static string BinanceText(long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FormatBinance(units, scale, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }

    public static string BinanceText(decimal value)
    {
        var scale = FixedPoint.ScaleOf(FixedPoint.Format(value));
        return BinanceText((long)(value * FixedPoint.Pow10(scale)), scale);
    }

    /// <summary>Upbit's JSON number text: plain decimal without exponent; whole values keep ".0" ("137002000.0") as Upbit prints its doubles.</summary>
    public static int FormatUpbit(long units, int scale, Span<byte> destination)
    {
        var n = FixedPoint.Format(units, scale, destination, padToScale: false);
        if (destination[..n].IndexOf((byte)'.') < 0)
        {
            destination[n++] = (byte)'.';
            destination[n++] = (byte)'0';
        }

        return n;
    }

    public static void WriteBinanceString(Utf8JsonWriter writer, long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FormatBinance(units, scale, buffer);
        writer.WriteStringValue(buffer[..n]);
    }

    public static void WriteUpbitNumber(Utf8JsonWriter writer, long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FormatUpbit(units, scale, buffer);
        writer.WriteRawValue(buffer[..n], skipInputValidation: true);
    }

    /// <summary>Plain decimal JSON number without exponent or trailing zeros; whole values as integers ("3715000", "0.0037"), as Bithumb prints them.</summary>
    public static void WritePlainNumber(Utf8JsonWriter writer, long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FixedPoint.Format(units, scale, buffer, padToScale: false);
        writer.WriteRawValue(buffer[..n], skipInputValidation: true);
    }

    /// <summary>A value with 10 decimals, finer than any lot: the units rescaled to 10 places with the last digit set to 1.</summary>
    public static string TenDecimals(long units, int scale)
    {
        var tenths = (units * FixedPoint.Pow10(10 - scale)) + 1;
        Span<byte> buffer = stackalloc byte[48];
        var n = FixedPoint.Format(tenths, 10, buffer, padToScale: true);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }

    /// <summary>Canonical decimal text without trailing zeros, for the simulator's own endpoints.</summary>
    public static string Canonical(long units, int scale) => FixedPoint.Format(units, scale);

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = Writer(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Copies <paramref name="bytes"/> cut to <paramref name="length"/> bytes.</summary>
    public static byte[] Truncate(byte[] bytes, int length) => bytes.AsSpan(0, length).ToArray();

    /// <summary>A copy with the byte after the first occurrence of <paramref name="marker"/> replaced by 0xFF, which is never valid UTF-8.</summary>
    public static byte[] PoisonAfter(byte[] bytes, ReadOnlySpan<byte> marker)
    {
        var copy = (byte[])bytes.Clone();
        var at = copy.AsSpan().IndexOf(marker);
        var target = at >= 0 && at + marker.Length < copy.Length ? at + marker.Length : copy.Length / 2;
        copy[target] = 0xFF;
        return copy;
    }
}
