using System.Globalization;
using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Tests.Shared;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("96850.01000000", 2, 9_685_001L)]
    [InlineData("1.52341000", 5, 152_341L)]
    [InlineData("0.00000000", 5, 0L)]
    [InlineData("150000000", 8, 15_000_000_000_000_000L)]
    [InlineData("0.0000012345", 10, 12_345L)]
    [InlineData("10000000000", 8, 1_000_000_000_000_000_000L)] // 1e18 units: beyond the fast path, exact through FixedPoint
    [InlineData("1.0E-4", 8, 10_000L)]
    [InlineData("1.37003E8", 8, 13_700_300_000_000_000L)]
    public void TryParse_Values_ExactUnits(string text, int scale, long expected)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), scale, out var units));
        Assert.Equal(expected, units);
    }

    [Fact]
    public void TryParse_RandomDecimals_SameAnswerAsFixedPoint()
    {
        var random = new Random(20_260_101);
        for (var n = 0; n < 20_000; n++)
        {
            var text = RandomDecimal(random);
            var scale = random.Next(0, 19);
            var bytes = Encoding.ASCII.GetBytes(text);

            var expectedOk = FixedPoint.TryParse(bytes, scale, out var expected);
            var ok = DecimalText.TryParse(bytes, scale, out var units);

            Assert.True(expectedOk == ok, $"'{text}' at scale {scale}: FixedPoint {expectedOk}, DecimalText {ok}");
            if (ok)
            {
                Assert.True(expected == units, $"'{text}' at scale {scale}: {expected} vs {units}");
            }
        }
    }

    internal static string RandomDecimal(Random random)
    {
        var text = new StringBuilder();
        var shape = random.Next(10);
        if (shape == 0)
        {
            text.Append(random.Next(3) switch { 0 => "-", 1 => "+", _ => "" });
        }

        var wholeDigits = random.Next(shape == 1 ? 0 : 1, shape == 2 ? 22 : 8);
        for (var i = 0; i < wholeDigits; i++)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(3) > 0)
        {
            text.Append('.');
            var fractionDigits = random.Next(0, 12);
            var zerosAfter = random.Next(3) == 0 ? random.Next(1, 12) : 0;
            for (var i = 0; i < fractionDigits; i++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            text.Append('0', zerosAfter);
        }

        if (shape == 3)
        {
            text.Append(CultureInfo.InvariantCulture, $"E{random.Next(-12, 12)}");
        }
        else if (shape == 4)
        {
            text.Append(random.Next(2) == 0 ? "x" : " ");
        }

        return text.ToString();
    }
}
