using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Shared;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void BaseDelay_Defaults_DoublesFromOneSecondCappedAtFiveMinutes()
    {
        var backoff = new ReconnectBackoff(new ConnectionResilienceOptions());

        var seconds = Enumerable.Range(0, 12).Select(a => backoff.BaseDelay(a).TotalSeconds).ToArray();

        Assert.Equal([1d, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300], seconds);
        Assert.Equal(TimeSpan.FromMinutes(5), backoff.BaseDelay(int.MaxValue));
    }

    [Fact]
    public void Delay_JitterSampleZero_ExactlyTheBaseDelay()
    {
        var backoff = new ReconnectBackoff(new ConnectionResilienceOptions(), new FixedRandom(0));

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Delay(0));
        Assert.Equal(TimeSpan.FromSeconds(256), backoff.Delay(8));
        Assert.Equal(TimeSpan.FromMinutes(5), backoff.Delay(20));
    }

    [Fact]
    public void Delay_JitterSampleHalf_AddsTwelveAndAHalfPercent()
    {
        var backoff = new ReconnectBackoff(new ConnectionResilienceOptions(), new FixedRandom(0.5));

        Assert.Equal(TimeSpan.FromMilliseconds(1_125), backoff.Delay(0));
        Assert.Equal(TimeSpan.FromMilliseconds(4_500), backoff.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(337.5), backoff.Delay(9));
    }

    [Fact]
    public void Delay_SeededRandom_EachWithinZeroToTwentyFivePercentAboveBase()
    {
        var backoff = new ReconnectBackoff(new ConnectionResilienceOptions(), new Random(42));

        for (var attempt = 0; attempt < 200; attempt++)
        {
            var baseDelay = backoff.BaseDelay(attempt);
            var delay = backoff.Delay(attempt);
            Assert.InRange(delay, baseDelay, baseDelay * 1.25);
        }
    }
}
