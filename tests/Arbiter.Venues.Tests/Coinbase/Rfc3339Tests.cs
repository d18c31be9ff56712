using System.Text;
using Arbiter.Venues.Coinbase;
using Shouldly;

namespace Arbiter.Venues.Tests.Coinbase;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2023-02-09T20:32:50.714964855Z", 1_675_974_770_714_964)] // nanoseconds truncated
    [InlineData("2023-02-09T20:32:50.714964Z", 1_675_974_770_714_964)]
    [InlineData("2023-02-09T20:32:50.7Z", 1_675_974_770_700_000)]
    [InlineData("2023-02-09T20:32:50Z", 1_675_974_770_000_000)]
    [InlineData("2023-02-09t20:32:50z", 1_675_974_770_000_000)]
    [InlineData("2023-02-09T21:32:50.714964+01:00", 1_675_974_770_714_964)]
    [InlineData("2023-02-09T15:02:50.714964-05:30", 1_675_974_770_714_964)]
    [InlineData("2024-02-29T00:00:00Z", 1_709_164_800_000_000)] // leap day
    [InlineData("1970-01-01T00:00:00Z", 0)]
    [InlineData("9999-12-31T23:59:59.999999Z", 253_402_300_799_999_999)]
    public void TryParseMicros_Valid_UnixMicros(string text, long expected)
    {
        Rfc3339.TryParseMicros(Encoding.ASCII.GetBytes(text), out var micros).ShouldBeTrue(text);
        micros.ShouldBe(expected, text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-02-09T20:32:50")]
    [InlineData("2023-02-09 20:32:50Z")]
    [InlineData("2023-02-30T00:00:00Z")]
    [InlineData("2023-13-01T00:00:00Z")]
    [InlineData("2023-00-01T00:00:00Z")]
    [InlineData("2023-02-09T24:00:00Z")]
    [InlineData("2023-02-09T20:60:00Z")]
    [InlineData("2023-02-09T20:32:60Z")]
    [InlineData("2023-02-09T20:32:50.Z")]
    [InlineData("2023-02-09T20:32:50.123Zjunk")]
    [InlineData("2023-02-09T20:32:50+0100")]
    [InlineData("2023-02-09T20:32:50+24:00")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:30:00+01:00")] // before the epoch once the offset is applied
    [InlineData("2O23-02-09T20:32:50Z")]
    public void TryParseMicros_Invalid_False(string text)
    {
        Rfc3339.TryParseMicros(Encoding.ASCII.GetBytes(text), out _).ShouldBeFalse(text);
    }
}
