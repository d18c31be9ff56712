using System.Text;
using Shouldly;

namespace Arbiter.Venues.Tests.Shared;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_IsTheStandardIeeeValue() =>
        Crc32.Compute("123456789"u8).ShouldBe(0xCBF43926u); // the CRC-32/ISO-HDLC "check" value

    [Theory]
    [InlineData("3366.1:7:3366.8:9:3366:6:3368:8", -1881014294)] // REFERENCE §7, verified vector 1
    [InlineData("3366.1:7:3366.8:9:3368:8:3372:8", 831078360)] // REFERENCE §7, verified vector 2
    public void Compute_OkxVectors_MatchAsSignedInt(string text, int expected) =>
        unchecked((int)Crc32.Compute(Encoding.ASCII.GetBytes(text))).ShouldBe(expected);

    [Fact]
    public void Append_InPieces_EqualsOneShot()
    {
        var data = Encoding.ASCII.GetBytes("5668441079769741566946554041248");
        var state = Crc32.Start;
        state = Crc32.Append(state, data.AsSpan(0, 7));
        state = Crc32.Append(state, data[7]);
        state = Crc32.Append(state, data.AsSpan(8));
        Crc32.Finish(state).ShouldBe(Crc32.Compute(data));
    }

    [Fact]
    public void Compute_Empty_IsZero() => Crc32.Compute([]).ShouldBe(0u);
}
