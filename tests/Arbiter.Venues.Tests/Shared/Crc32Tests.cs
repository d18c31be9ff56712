using System.Text;

namespace Arbiter.Venues.Tests.Shared;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_IsTheStandardIeeeValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8)); // the CRC-32/ISO-HDLC "check" value

    [Theory]
    [InlineData("3366.1:7:3366.8:9:3366:6:3368:8", -1881014294)] // REFERENCE §7, verified vector 1
    [InlineData("3366.1:7:3366.8:9:3368:8:3372:8", 831078360)] // REFERENCE §7, verified vector 2
    public void Compute_OkxVectors_MatchAsSignedInt(string text, int expected) =>
        Assert.Equal(expected, unchecked((int)Crc32.Compute(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public void Append_InPieces_EqualsOneShot()
    {
        var data = Encoding.ASCII.GetBytes("5668441079769741566946554041248");
        var state = Crc32.Start;
        state = Crc32.Append(state, data.AsSpan(0, 7));
        state = Crc32.Append(state, data[7]);
        state = Crc32.Append(state, data.AsSpan(8));
        Assert.Equal(Crc32.Compute(data), Crc32.Finish(state));
    }

    [Fact]
    public void Compute_Empty_IsZero() => Assert.Equal(0u, Crc32.Compute([]));
}
