using Arbiter.Core;

namespace Arbiter.Venues.Tests.Shared;

public sealed class RatePacerTests
{
    [Fact]
    public void TryTake_BurstUpToCount_ThenWaitsForTheOldestToLeaveThePaddedWindow()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var pacer = new RatePacer(new RateLimit(3, TimeSpan.FromSeconds(1)), clock);
        Assert.Equal(TimeSpan.Zero, pacer.TryTake());
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.Zero, pacer.TryTake());
        Assert.Equal(TimeSpan.Zero, pacer.TryTake());

        // Window 1 s + margin (100 ms + 50 ms) = 1.15 s after the first start, which was 100 ms ago.
        Assert.Equal(TimeSpan.FromMilliseconds(1050), pacer.TryTake());
        clock.Advance(TimeSpan.FromMilliseconds(1050));
        Assert.Equal(TimeSpan.Zero, pacer.TryTake());
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.TryTake()); // the two starts at 100 ms are still inside
    }

    [Fact]
    public void Margin_IsTenPercentPlusFiftyMilliseconds() =>
        Assert.Equal(TimeSpan.FromMilliseconds(30_050), RatePacer.Margin(TimeSpan.FromMinutes(5)));
}
