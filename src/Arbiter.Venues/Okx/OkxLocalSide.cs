namespace Arbiter.Venues.Okx;

/// <summary>
/// One side of the adapter's own copy of an OKX book, kept only to compute the checksum: sorted arrays with the best level
/// at the end (as <see cref="Arbiter.Core.BookSide"/>) plus each level's spelling (<see cref="OkxSpelling"/>).
/// </summary>
internal sealed class OkxLocalSide
{
    private readonly bool bids;
    private long[] keys = new long[512];
    private long[] sizes = new long[512];
    private ushort[] spellings = new ushort[512];

    public OkxLocalSide(bool bids) => this.bids = bids;

    public int Count { get; private set; }

    /// <summary>Price of the i-th level from the best (0 = best).</summary>
    public long PriceAt(int fromBest) => ToPrice(keys[Count - 1 - fromBest]);

    public long SizeAt(int fromBest) => sizes[Count - 1 - fromBest];

    public byte PriceDecimalsAt(int fromBest) => (byte)(spellings[Count - 1 - fromBest] >> 8);

    public byte SizeDecimalsAt(int fromBest) => (byte)spellings[Count - 1 - fromBest];

    public void Clear() => Count = 0;

    /// <summary>Sets a level (size 0 removes it), remembering how its price and size were spelled.</summary>
    public void Set(long price, long size, byte priceDecimals, byte sizeDecimals)
    {
        var key = bids ? price : -price;
        var n = Count;
        var index = n > 0 && keys[n - 1] == key ? n - 1 : Array.BinarySearch(keys, 0, n, key);
        if (index >= 0)
        {
            if (size == 0)
            {
                var tail = n - index - 1;
                Array.Copy(keys, index + 1, keys, index, tail);
                Array.Copy(sizes, index + 1, sizes, index, tail);
                Array.Copy(spellings, index + 1, spellings, index, tail);
                Count = n - 1;
            }
            else
            {
                sizes[index] = size;
                spellings[index] = (ushort)((priceDecimals << 8) | sizeDecimals);
            }

            return;
        }

        if (size == 0)
        {
            return;
        }

        index = ~index;
        if (n == keys.Length)
        {
            Array.Resize(ref keys, n * 2);
            Array.Resize(ref sizes, n * 2);
            Array.Resize(ref spellings, n * 2);
        }

        var move = n - index;
        Array.Copy(keys, index, keys, index + 1, move);
        Array.Copy(sizes, index, sizes, index + 1, move);
        Array.Copy(spellings, index, spellings, index + 1, move);
        keys[index] = key;
        sizes[index] = size;
        spellings[index] = (ushort)((priceDecimals << 8) | sizeDecimals);
        Count = n + 1;
    }

    /// <summary>Keeps only the best <paramref name="depth"/> levels.</summary>
    public void TruncateTo(int depth)
    {
        var drop = Count - depth;
        if (drop <= 0)
        {
            return;
        }

        Array.Copy(keys, drop, keys, 0, depth);
        Array.Copy(sizes, drop, sizes, 0, depth);
        Array.Copy(spellings, drop, spellings, 0, depth);
        Count = depth;
    }

    private long ToPrice(long key) => bids ? key : -key;
}
