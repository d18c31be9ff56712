namespace Arbiter.Engine.Tests;

public sealed class NotionalConversionTests
{
    [Fact]
    public void TryToDecimal_SmallUnits_AreExact()
    {
        // 100,000.01 USDT × 0.00012 BTC at price scale 2 + quantity scale 8 = 10,000,001 × 12,000 units at scale 10.
        Assert.True(DepthWalker.TryToDecimal((Int128)10_000_001 * 12_000, 10, out var value));
        Assert.Equal(12.0000012m, value);
    }

    [Fact]
    public void TryToDecimal_KrwNotional_IsExact()
    {
        // 150,000,000 KRW × 12.34567891 BTC, both at scale 8: 1.5e16 × 1,234,567,891 units at scale 16.
        Assert.True(DepthWalker.TryToDecimal((Int128)15_000_000_000_000_000 * 1_234_567_891, 16, out var value));
        Assert.Equal(1_851_851_836.5m, value);
    }

    [Fact]
    public void TryToDecimal_Over96Bits_ShedsTrailingZeros()
    {
        // (2^96 − 6) × 10 units at scale 1: over 96 bits until the trailing zero is shed, then exactly 2^96 − 6.
        var big = Int128.Parse("79228162514264337593543950330", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(DepthWalker.TryToDecimal(big * 10, 1, out var value));
        Assert.Equal(decimal.Parse("79228162514264337593543950330", System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.False(DepthWalker.TryToDecimal(big * 10 + 1, 1, out _));
    }

    [Fact]
    public void TryToDecimal_ScaleOver28_ShedsZerosOrFails()
    {
        Assert.True(DepthWalker.TryToDecimal(1_000_000, 30, out var value));
        Assert.Equal(0.000000000000000000000001m, value);
        Assert.False(DepthWalker.TryToDecimal(1_000_001, 30, out _));
    }
}
