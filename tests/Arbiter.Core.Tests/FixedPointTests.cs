using System.Text;
using Arbiter.Core;

namespace Arbiter.Core.Tests;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData("0.0024", 8, 240_000L)]
    [InlineData("0.00240000", 8, 240_000L)]
    [InlineData("150000000", 0, 150_000_000L)]
    [InlineData("150000000.0", 8, 15_000_000_000_000_000L)]
    [InlineData("0.0000012345", 10, 12_345L)]
    [InlineData("10000000000", 8, 1_000_000_000_000_000_000L)]
    [InlineData("1.0E-4", 8, 10_000L)]
    [InlineData("1.5e+3", 2, 150_000L)]
    [InlineData("137002000.0", 8, 13_700_200_000_000_000L)]
    [InlineData("0", 8, 0L)]
    [InlineData("0.000", 2, 0L)]
    [InlineData(".5", 1, 5L)]
    [InlineData("5.", 1, 50L)]
    [InlineData("0.10000000000000000000000000000", 1, 1L)]
    public void TryParse_ValidNumber_GivesExactUnits(string text, int scale, long expected)
    {
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out var units));
        Assert.Equal(expected, units);
    }

    [Theory]
    [InlineData("", 8)]
    [InlineData("-1", 8)]
    [InlineData("+1", 8)]
    [InlineData("NaN", 8)]
    [InlineData("1e400", 8)]
    [InlineData("1e", 8)]
    [InlineData("1e+", 8)]
    [InlineData("0.001", 2)] // more precision than the instrument's scale
    [InlineData("92233720368.54775808", 8)] // one unit over long.MaxValue
    [InlineData("1234567890123456789", 0)] // 19 significant digits
    [InlineData("1.2.3", 2)]
    [InlineData("12a", 2)]
    [InlineData(".", 2)]
    public void TryParse_InvalidOrUnrepresentable_Fails(string text, int scale)
    {
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), scale, out _));
    }

    [Theory]
    [InlineData("0.01000000", 2)]
    [InlineData("0.00001000", 5)]
    [InlineData("1.00000000", 0)]
    [InlineData("1000", 0)]
    [InlineData("0.0001", 4)]
    public void ScaleOf_TickSize_CountsSignificantDecimals(string size, int expected) =>
        Assert.Equal(expected, FixedPoint.ScaleOf(size));

    [Theory]
    [InlineData(240_000L, 8, "0.0024")]
    [InlineData(15_000_000_000_000_000L, 8, "150000000")]
    [InlineData(12_345L, 10, "0.0000012345")]
    [InlineData(0L, 4, "0")]
    [InlineData(-5L, 1, "-0.5")]
    public void Format_Units_IsCanonicalDecimal(long units, int scale, string expected) =>
        Assert.Equal(expected, FixedPoint.Format(units, scale));

    [Fact]
    public void Format_PadToScale_KeepsTrailingZeros()
    {
        Span<byte> buffer = stackalloc byte[48];
        var n = FixedPoint.Format(5_660L, 4, buffer, padToScale: true);
        Assert.Equal("0.5660", Encoding.ASCII.GetString(buffer[..n]));
    }

    [Fact]
    public void ToDecimal_Units_IsExact()
    {
        Assert.Equal(0.0000012345m, FixedPoint.ToDecimal(12_345L, 10));
        Assert.Equal(150_000_000m, FixedPoint.ToDecimal(15_000_000_000_000_000L, 8));
        Assert.Equal(-0.5m, FixedPoint.ToDecimal(-5L, 1));
    }

    [Fact]
    public void TryFromDecimal_TooManyDecimals_Fails()
    {
        Assert.True(FixedPoint.TryFromDecimal(1.25m, 2, out var units));
        Assert.Equal(125L, units);
        Assert.False(FixedPoint.TryFromDecimal(1.255m, 2, out _));
    }

    [Fact]
    public void FormatDecimal_TrailingZeros_AreRemoved() =>
        Assert.Equal("1.5", FixedPoint.Format(1.500m));
}
