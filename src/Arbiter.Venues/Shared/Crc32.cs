namespace Arbiter.Venues;

/// <summary>
/// The standard IEEE CRC-32 (zlib's: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF) that OKX and
/// Kraken use for book checksums (REFERENCE "General notes"). Table-driven; System.IO.Hashing is not available here.
/// Incremental use: <c>var s = Crc32.Start; s = Crc32.Append(s, a); s = Crc32.Append(s, b); Crc32.Finish(s)</c>.
/// </summary>
public static class Crc32
{
    /// <summary>The running state before any byte.</summary>
    public const uint Start = 0xFFFFFFFFu;

    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of <paramref name="data"/> (unsigned, as Kraken compares it; cast to int for OKX).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>Feeds <paramref name="data"/> into a running state.</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
        {
            state = table[(byte)(state ^ b)] ^ (state >> 8);
        }

        return state;
    }

    /// <summary>Feeds one byte into a running state.</summary>
    public static uint Append(uint state, byte b) => Table[(byte)(state ^ b)] ^ (state >> 8);

    /// <summary>The checksum of a running state.</summary>
    public static uint Finish(uint state) => state ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
