namespace Arbiter.Fanout;

/// <summary>
/// Parses the API's timestamps (<c>2026-11-21T13:00:00.123456Z</c>: ISO-8601 UTC with exactly six fractional digits)
/// straight from UTF-8 into unix microseconds, without allocating; anything else is rejected.
/// </summary>
internal static class IsoMicros
{
    /// <summary>The length of every time the API writes.</summary>
    public const int Length = 27;

    public static bool TryParse(ReadOnlySpan<byte> text, out long micros)
    {
        micros = 0;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != '.' || text[26] != 'Z')
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second)
            || !TryDigits(text.Slice(20, 6), out var fraction))
        {
            return false;
        }

        if (month is < 1 or > 12 || day is < 1 or > 31 || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var seconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3600L) + (minute * 60L) + second;
        micros = (seconds * 1_000_000L) + fraction;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(long year, long month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }
}
