using System.Text;
using Arbiter.Venues.Kraken;
using Shouldly;

namespace Arbiter.Venues.Tests.Kraken;

public sealed class KrakenTimestampTests
{
    [Theory]
    [InlineData("2023-10-06T17:35:55.440295Z", 1_696_613_755_440_295)] // the docs' book timestamp
    [InlineData("2023-10-06T17:35:55Z", 1_696_613_755_000_000)]
    [InlineData("2000-03-01T00:00:00.5Z", 951_868_800_500_000)]
    [InlineData("2024-02-29T23:59:59.999999Z", 1_709_251_199_999_999)]
    [InlineData("2024-02-29T23:59:59.9999999Z", 1_709_251_199_999_999)] // below the µs: truncated
    [InlineData("2023-10-06T19:35:55.440295+02:00", 1_696_613_755_440_295)]
    [InlineData("2023-10-06T16:35:55.440295-01:00", 1_696_613_755_440_295)]
    [InlineData("1970-01-01T00:00:00Z", 0)]
    public void TryParse_Rfc3339_UnixMicros(string text, long expected)
    {
        KrakenTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out var micros).ShouldBeTrue();
        micros.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2023-10-06")]
    [InlineData("2023-10-06T17:35:55")] // no zone
    [InlineData("2023-10-06 17:35:55Z")]
    [InlineData("2023-13-06T17:35:55Z")]
    [InlineData("2023-02-29T17:35:55Z")] // not a leap year
    [InlineData("2023-10-06T24:00:00Z")]
    [InlineData("2023-10-06T17:35:55.Z")]
    [InlineData("2023-10-06T17:35:55.1234567890123456789Z")]
    [InlineData("2023-10-06T17:35:55Zjunk")]
    [InlineData("2023-10-06T17:35:55+0200")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("1970-01-01T00:00:00+00:01")] // before the epoch once the offset is applied
    [InlineData("２023-10-06T17:35:55Z")]
    public void TryParse_NotATimestamp_False(string text) => KrakenTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();
}
