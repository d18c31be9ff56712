namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A Random whose NextDouble always returns the same value: exact jitter in tests.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
