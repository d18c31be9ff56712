using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The fast path of <see cref="FixedPoint.TryParse(ReadOnlySpan{byte}, int, out long)"/> for the spelling venues use on
/// every level, plain <c>digits[.digits]</c> with a small integer part; everything else (exponents, signs, long or
/// odd input, digits finer than the scale) goes to FixedPoint itself, so the results are always identical.
/// </summary>
internal static class DecimalText
{
    /// <summary>The most integer digits the fast paths read themselves (here and in <see cref="LevelArrayScanner"/>).</summary>
    internal const int MaxWholeDigits = 12;

    /// <summary>10^0 to 10^18.</summary>
    internal static readonly ulong[] Powers =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, int scale, out long units)
    {
        var i = 0;
        ulong whole = 0;
        for (; i < text.Length && i <= MaxWholeDigits; i++)
        {
            var d = (uint)(text[i] - (byte)'0');
            if (d > 9)
            {
                break;
            }

            whole = (whole * 10) + d;
        }

        if (i == 0 || i > MaxWholeDigits || (uint)scale > FixedPoint.MaxScale)
        {
            return FixedPoint.TryParse(text, scale, out units);
        }

        ulong fraction = 0;
        var fractionDigits = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.' || i + 1 == text.Length)
            {
                return FixedPoint.TryParse(text, scale, out units);
            }

            var digits = text[(i + 1)..];
            var kept = Math.Min(digits.Length, scale);
            for (var k = 0; k < kept; k++)
            {
                var d = (uint)(digits[k] - (byte)'0');
                if (d > 9)
                {
                    return FixedPoint.TryParse(text, scale, out units);
                }

                fraction = (fraction * 10) + d;
            }

            // Digits below the scale must all be zeros (Binance pads to 8 decimals); otherwise FixedPoint decides.
            if (kept < digits.Length && digits[kept..].IndexOfAnyExcept((byte)'0') >= 0)
            {
                return FixedPoint.TryParse(text, scale, out units);
            }

            fractionDigits = kept;
        }

        // Below 10^18 the value has at most 18 significant digits and fits a long, exactly as FixedPoint requires.
        if (whole >= Powers[FixedPoint.MaxScale - scale])
        {
            return FixedPoint.TryParse(text, scale, out units);
        }

        units = (long)((whole * Powers[scale]) + (fraction * Powers[scale - fractionDigits]));
        return true;
    }
}
