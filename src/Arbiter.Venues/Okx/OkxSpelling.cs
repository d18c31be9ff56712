namespace Arbiter.Venues.Okx;

/// <summary>
/// How OKX spelled a decimal, so that the checksum can be computed over the original text (REFERENCE §7 "Use the original
/// price and size strings") from the fixed-point value: the number of digits after the decimal point as sent ("0.10" → 2,
/// "8477" → 0), which restores padding zeros the value alone does not have.
/// </summary>
/// <remarks>
/// A value's digits are fully determined by its units and this count, because parsing never drops a non-zero digit. The
/// only spellings this cannot reproduce are ones OKX does not use (leading zeros, exponents): an exponent spelling is
/// recorded as <see cref="Canonical"/> (shortest form), so a checksum over it would mismatch and resync, never silently pass.
/// </remarks>
public static class OkxSpelling
{
    /// <summary>Marks a spelling with an exponent: formatted without trailing zeros.</summary>
    public const byte Canonical = byte.MaxValue;

    /// <summary>The digits after the point in <paramref name="text"/>, or <see cref="Canonical"/> for an exponent spelling.</summary>
    public static byte Of(ReadOnlySpan<byte> text)
    {
        var point = text.IndexOf((byte)'.');
        if (text.IndexOfAny((byte)'e', (byte)'E') >= 0)
        {
            return Canonical;
        }

        var decimals = point < 0 ? 0 : text.Length - point - 1;
        return decimals >= Canonical ? Canonical : (byte)decimals;
    }
}
