using System.Text;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// OKX's <c>books</c> checksum, written here from REFERENCE §7 (not taken from the adapter): the first 25 bids and 25
/// asks interleaved as <c>bid1px:bid1sz:ask1px:ask1sz:bid2px:...</c> (a side that runs out is skipped), with the price
/// and size strings exactly as the simulator sends them, IEEE CRC-32 (the zlib one) read as a signed int.
/// </summary>
internal static class OkxSimChecksum
{
    public const int Levels = 25;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum of a book given best first.</summary>
    public static int Of(Level[] bids, Level[] asks, int priceScale, int quantityScale) => Crc(Text(bids, asks, priceScale, quantityScale));

    /// <summary>The checksummed text, e.g. "3366.1:7:3366.8:9:3366:6:3368:8".</summary>
    public static string Text(Level[] bids, Level[] asks, int priceScale, int quantityScale)
    {
        var text = new StringBuilder(Levels * 2 * 24);
        for (var i = 0; i < Levels; i++)
        {
            if (i < bids.Length)
            {
                Append(text, bids[i], priceScale, quantityScale);
            }

            if (i < asks.Length)
            {
                Append(text, asks[i], priceScale, quantityScale);
            }
        }

        return text.ToString();
    }

    /// <summary>CRC-32 (polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF) of the ASCII text, as a signed int.</summary>
    public static int Crc(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        return unchecked((int)(crc ^ 0xFFFFFFFFu));
    }

    private static void Append(StringBuilder text, Level level, int priceScale, int quantityScale)
    {
        if (text.Length > 0)
        {
            text.Append(':');
        }

        text.Append(OkxFrames.Number(level.Price, priceScale)).Append(':').Append(OkxFrames.Number(level.Quantity, quantityScale));
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
