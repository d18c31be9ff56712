namespace Arbiter.Venues.Kraken;

/// <summary>
/// Reads Kraken's RFC 3339 timestamps (<c>2023-10-06T17:35:55.440295Z</c>) straight from UTF-8 as unix microseconds, without
/// allocating. Digits below the microsecond are truncated; an offset other than Z (<c>+01:00</c>) is applied.
/// </summary>
internal static class KrakenTimestamp
{
    private const long MicrosPerSecond = 1_000_000;
    private const long SecondsPerDay = 86_400;

    /// <summary>False for anything that is not a valid date-time from 1970 to 9999.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (text.Length < 20
            || !Digits(text, 0, 4, out var year) || text[4] != (byte)'-'
            || !Digits(text, 5, 2, out var month) || text[7] != (byte)'-'
            || !Digits(text, 8, 2, out var day) || (text[10] | 0x20) != (byte)'t'
            || !Digits(text, 11, 2, out var hour) || text[13] != (byte)':'
            || !Digits(text, 14, 2, out var minute) || text[16] != (byte)':'
            || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (text[i] == (byte)'.')
        {
            i++;
            var start = i;
            var scale = MicrosPerSecond;
            for (; i < text.Length; i++)
            {
                var d = (uint)(text[i] - (byte)'0');
                if (d > 9)
                {
                    break;
                }

                if (i - start >= 18)
                {
                    return false; // absurdly long fraction
                }

                scale /= 10;
                fraction += d * scale; // digits past the sixth add 0: truncated
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= text.Length)
        {
            return false;
        }

        long offsetSeconds = 0;
        if ((text[i] | 0x20) == (byte)'z')
        {
            i++;
        }
        else if (text[i] is (byte)'+' or (byte)'-')
        {
            if (text.Length - i != 6 || !Digits(text, i + 1, 2, out var offsetHours) || text[i + 3] != (byte)':'
                || !Digits(text, i + 4, 2, out var offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
            {
                return false;
            }

            offsetSeconds = (offsetHours * 3600L) + (offsetMinutes * 60L);
            if (text[i] == (byte)'-')
            {
                offsetSeconds = -offsetSeconds;
            }

            i += 6;
        }
        else
        {
            return false;
        }

        if (i != text.Length)
        {
            return false;
        }

        var seconds = (DaysFromCivil(year, month, day) * SecondsPerDay) + (hour * 3600L) + (minute * 60L) + second - offsetSeconds;
        if (seconds < 0)
        {
            return false;
        }

        micros = (seconds * MicrosPerSecond) + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var k = start; k < start + count; k++)
        {
            var d = (uint)(text[k] - (byte)'0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = y / 400; // y >= 1969 here, so no negative rounding
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }
}
