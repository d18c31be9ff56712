namespace Arbiter.Venues.Coinbase;

/// <summary>
/// Parses an RFC 3339 timestamp such as <c>2023-02-09T20:32:50.714964855Z</c> from UTF-8 into unix microseconds without
/// allocating. Digits below the microsecond are truncated (Coinbase sends nanoseconds); the offset may be <c>Z</c> or
/// <c>±HH:MM</c>. Only years 1970–9999 are accepted, so the result is never negative.
/// </summary>
internal static class Rfc3339
{
    private const long MicrosPerSecond = 1_000_000;
    private const int MaxLength = 64;

    public static bool TryParseMicros(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (text.Length < 20 || text.Length > MaxLength
            || !Digits(text, 0, 4, out var year) || text[4] != (byte)'-'
            || !Digits(text, 5, 2, out var month) || text[7] != (byte)'-'
            || !Digits(text, 8, 2, out var day) || (text[10] | 0x20) != (byte)'t'
            || !Digits(text, 11, 2, out var hour) || text[13] != (byte)':'
            || !Digits(text, 14, 2, out var minute) || text[16] != (byte)':'
            || !Digits(text, 17, 2, out var second)
            || year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (text[i] == (byte)'.')
        {
            i++;
            var start = i;
            for (; i < text.Length && (uint)(text[i] - (byte)'0') <= 9; i++)
            {
                if (i - start < 6)
                {
                    fraction = (fraction * 10) + (text[i] - (byte)'0');
                }
            }

            var digits = i - start;
            if (digits == 0)
            {
                return false;
            }

            for (var k = digits; k < 6; k++)
            {
                fraction *= 10;
            }
        }

        if (!TryOffset(text[i..], out var offsetSeconds))
        {
            return false;
        }

        var seconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3_600L) + (minute * 60L) + second - offsetSeconds;
        if (seconds < 0)
        {
            return false;
        }

        micros = (seconds * MicrosPerSecond) + fraction;
        return true;
    }

    /// <summary><c>Z</c> or <c>±HH:MM</c> and nothing after it.</summary>
    private static bool TryOffset(ReadOnlySpan<byte> text, out int seconds)
    {
        seconds = 0;
        if (text.Length == 1)
        {
            return (text[0] | 0x20) == (byte)'z';
        }

        if (text.Length != 6 || (text[0] != (byte)'+' && text[0] != (byte)'-') || text[3] != (byte)':'
            || !Digits(text, 1, 2, out var hours) || !Digits(text, 4, 2, out var minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        seconds = ((hours * 60) + minutes) * 60;
        if (text[0] == (byte)'-')
        {
            seconds = -seconds;
        }

        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(text[i] - (byte)'0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400; // y >= 1969 here, so no negative rounding
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }
}
