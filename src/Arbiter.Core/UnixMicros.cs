using System.Globalization;

namespace Arbiter.Core;

/// <summary>Timestamps as unix microseconds (UTC): the unit of every event time in Arbiter and of captures.</summary>
public static class UnixMicros
{
    private const long TicksPerMicro = 10;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    public static long Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return FromDateTimeOffset(clock.GetUtcNow());
    }

    public static long FromDateTimeOffset(DateTimeOffset value) => (value.UtcTicks - EpochTicks) / TicksPerMicro;

    public static DateTimeOffset ToDateTimeOffset(long micros) => new(EpochTicks + (micros * TicksPerMicro), TimeSpan.Zero);

    /// <summary>ISO-8601 UTC with exactly six fractional digits: 2026-11-21T09:57:00.123456Z.</summary>
    public static string ToIso(long micros) =>
        ToDateTimeOffset(micros).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseIso(string? text, out long micros)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            micros = FromDateTimeOffset(value);
            return true;
        }

        micros = 0;
        return false;
    }
}
