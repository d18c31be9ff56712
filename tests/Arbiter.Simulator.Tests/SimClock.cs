namespace Arbiter.Simulator.Tests;

/// <summary>A fixed test clock: step n happens n × 100 ms after 2026-01-01T00:00:00Z.</summary>
internal static class SimClock
{
    public const long Start = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z in unix microseconds

    public const long StepMicros = 100_000;

    public static long At(int step) => Start + (step * StepMicros);
}
