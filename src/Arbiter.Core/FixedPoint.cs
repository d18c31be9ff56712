using System.Buffers.Text;
using System.Globalization;

namespace Arbiter.Core;

/// <summary>Exact decimal fixed-point: values are <see cref="long"/> units at a given scale (value = units / 10^scale), parsed straight from UTF-8 digits.</summary>
public static class FixedPoint
{
    /// <summary>Largest supported scale (decimal places).</summary>
    public const int MaxScale = 18;

    private const ulong MantissaLimit = 999_999_999_999_999_999UL; // 18 significant digits

    private static readonly long[] Powers =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    /// <summary>10^n for n in 0..18.</summary>
    public static long Pow10(int n) => Powers[n];

    /// <summary>
    /// Parses a non-negative decimal number (digits, optional fraction, optional exponent such as <c>1.5E-7</c>)
    /// into units at <paramref name="scale"/>. Fails — never rounds — when the number has non-zero digits below
    /// the scale, more than 18 significant digits, or does not fit in a <see cref="long"/>. A sign is rejected:
    /// prices and quantities are never negative.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, int scale, out long units)
    {
        units = 0;
        ulong mantissa = 0;
        var pendingZeros = 0;
        var fractionDigits = 0;
        var digits = 0;
        var seenPoint = false;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var d = (uint)(c - (byte)'0');
            if (d <= 9)
            {
                digits++;
                if (seenPoint)
                {
                    fractionDigits++;
                }

                if (d == 0)
                {
                    if (mantissa != 0)
                    {
                        pendingZeros++;
                    }

                    continue;
                }

                // Flush pending zeros then this digit, refusing more than 18 significant digits.
                for (var z = 0; z <= pendingZeros; z++)
                {
                    if (mantissa > MantissaLimit / 10)
                    {
                        return false;
                    }

                    mantissa *= 10;
                }

                mantissa += d;
                if (mantissa > MantissaLimit)
                {
                    return false;
                }

                pendingZeros = 0;
            }
            else if (c == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length)
        {
            if ((text[i] | 0x20) != (byte)'e' || ++i == text.Length)
            {
                return false;
            }

            var negative = false;
            if (text[i] == (byte)'-' || text[i] == (byte)'+')
            {
                negative = text[i] == (byte)'-';
                if (++i == text.Length)
                {
                    return false;
                }
            }

            for (; i < text.Length; i++)
            {
                var d = (uint)(text[i] - (byte)'0');
                if (d > 9 || exponent > 1000)
                {
                    return false;
                }

                exponent = (exponent * 10) + (int)d;
            }

            if (negative)
            {
                exponent = -exponent;
            }
        }

        if (mantissa == 0)
        {
            return true;
        }

        var shift = pendingZeros + exponent - fractionDigits + scale;
        if (shift >= 0)
        {
            if (shift > MaxScale)
            {
                return false;
            }

            var factor = (ulong)Powers[shift];
            if (mantissa > (ulong)long.MaxValue / factor)
            {
                return false;
            }

            units = (long)(mantissa * factor);
            return true;
        }

        if (-shift > MaxScale)
        {
            return false; // a non-zero digit far below the scale
        }

        var divisor = (ulong)Powers[-shift];
        if (mantissa % divisor != 0)
        {
            return false; // more precision than the instrument's scale
        }

        units = (long)(mantissa / divisor);
        return true;
    }

    /// <summary>Parses UTF-16 text; see <see cref="TryParse(ReadOnlySpan{byte}, int, out long)"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int scale, out long units)
    {
        Span<byte> bytes = stackalloc byte[64];
        if (text.Length > bytes.Length)
        {
            units = 0;
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x80)
            {
                units = 0;
                return false;
            }

            bytes[i] = (byte)c;
        }

        return TryParse(bytes[..text.Length], scale, out units);
    }

    /// <summary>Parses or throws <see cref="FormatException"/> naming the text; for configuration and tests, not frames.</summary>
    public static long Parse(string text, int scale) =>
        TryParse(text.AsSpan(), scale, out var units)
            ? units
            : throw new FormatException($"'{text}' is not a non-negative decimal with at most {scale} decimal places.");

    /// <summary>The number of decimal places of a tick or lot size such as "0.01000000" (2) or "1" (0).</summary>
    public static int ScaleOf(ReadOnlySpan<char> size)
    {
        var point = size.IndexOf('.');
        if (point < 0)
        {
            return 0;
        }

        var fraction = size[(point + 1)..].TrimEnd('0');
        return fraction.Length;
    }

    public static decimal ToDecimal(long units, int scale) =>
        units >= 0
            ? new decimal((int)(uint)units, (int)(uint)((ulong)units >> 32), 0, false, (byte)scale)
            : -new decimal((int)(uint)(ulong)-units, (int)(uint)((ulong)-units >> 32), 0, false, (byte)scale);

    /// <summary>Converts an exact decimal to units at <paramref name="scale"/>; fails if it has more decimals or does not fit.</summary>
    public static bool TryFromDecimal(decimal value, int scale, out long units)
    {
        units = 0;
        var scaled = value * Powers[scale];
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        units = (long)scaled;
        return true;
    }

    /// <summary>Canonical text: no exponent, no trailing fractional zeros ("0.0024", "150000000").</summary>
    public static string Format(long units, int scale)
    {
        Span<byte> buffer = stackalloc byte[48];
        var written = Format(units, scale, buffer, padToScale: false);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>
    /// Writes the value as ASCII into <paramref name="destination"/> (at least 41 bytes); with
    /// <paramref name="padToScale"/> the fraction keeps all <c>scale</c> digits ("0.5660" at scale 4).
    /// </summary>
    public static int Format(long units, int scale, Span<byte> destination, bool padToScale)
    {
        var negative = units < 0;
        var magnitude = negative ? (ulong)-units : (ulong)units;
        var pow = (ulong)Powers[scale];
        var whole = magnitude / pow;
        var fraction = magnitude % pow;
        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        Utf8Formatter.TryFormat(whole, destination[at..], out var n);
        at += n;
        if (scale == 0)
        {
            return at;
        }

        var digits = scale;
        if (!padToScale)
        {
            if (fraction == 0)
            {
                return at;
            }

            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
        }

        destination[at++] = (byte)'.';
        for (var k = digits - 1; k >= 0; k--)
        {
            destination[at + k] = (byte)('0' + (int)(fraction % 10));
            fraction /= 10;
        }

        return at + digits;
    }

    /// <summary>Invariant text of a decimal without trailing zeros, for output of exact money values.</summary>
    public static string Format(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
