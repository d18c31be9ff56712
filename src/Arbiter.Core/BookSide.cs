namespace Arbiter.Core;

/// <summary>One side of an L2 book as sorted arrays, the best level at the end so that changes near the top move little memory.</summary>
/// <remarks>
/// Keys are prices for bids and negated prices for asks, so both sides are ascending arrays whose last
/// element is the best level. Level <c>i</c> counted from the best is at index <c>Count - 1 - i</c>.
/// </remarks>
public sealed class BookSide
{
    private long[] keys;
    private long[] quantities;
    private int count;

    public BookSide(Side side, int capacity = 64)
    {
        Side = side;
        keys = new long[Math.Max(4, capacity)];
        quantities = new long[keys.Length];
    }

    public Side Side { get; }

    public int Count => count;

    public bool IsEmpty => count == 0;

    /// <summary>Best price; only meaningful when not empty.</summary>
    public long BestPrice => ToPrice(keys[count - 1]);

    public long BestQuantity => quantities[count - 1];

    /// <summary>Price of the i-th level from the best (0 = best).</summary>
    public long PriceAt(int fromBest) => ToPrice(keys[count - 1 - fromBest]);

    /// <summary>Quantity of the i-th level from the best (0 = best).</summary>
    public long QuantityAt(int fromBest) => quantities[count - 1 - fromBest];

    public Level LevelAt(int fromBest) => new(PriceAt(fromBest), QuantityAt(fromBest));

    /// <summary>Sets the quantity at a price; quantity 0 removes the level. Returns false when the level was absent and quantity is 0.</summary>
    public bool Set(long price, long quantity)
    {
        var key = Side == Side.Bid ? price : -price;
        var n = count;

        // Fast path: the top of book.
        int index;
        if (n > 0 && keys[n - 1] == key)
        {
            index = n - 1;
        }
        else
        {
            index = Array.BinarySearch(keys, 0, n, key);
        }

        if (index >= 0)
        {
            if (quantity == 0)
            {
                var tail = n - index - 1;
                if (tail > 0)
                {
                    Array.Copy(keys, index + 1, keys, index, tail);
                    Array.Copy(quantities, index + 1, quantities, index, tail);
                }

                count = n - 1;
            }
            else
            {
                quantities[index] = quantity;
            }

            return true;
        }

        if (quantity == 0)
        {
            return false;
        }

        index = ~index;
        if (n == keys.Length)
        {
            Grow();
        }

        var move = n - index;
        if (move > 0)
        {
            Array.Copy(keys, index, keys, index + 1, move);
            Array.Copy(quantities, index, quantities, index + 1, move);
        }

        keys[index] = key;
        quantities[index] = quantity;
        count = n + 1;
        return true;
    }

    /// <summary>Replaces the whole side with <paramref name="levels"/> in any order; zero quantities are skipped, a repeated price keeps the last.</summary>
    public void Load(ReadOnlySpan<Level> levels)
    {
        count = 0;
        if (keys.Length < levels.Length)
        {
            keys = new long[levels.Length];
            quantities = new long[levels.Length];
        }

        var ascending = true;
        var descending = true;
        var n = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].Quantity == 0)
            {
                continue;
            }

            var key = Side == Side.Bid ? levels[i].Price : -levels[i].Price;
            if (n > 0)
            {
                ascending &= key > keys[n - 1];
                descending &= key < keys[n - 1];
            }

            keys[n] = key;
            quantities[n] = levels[i].Quantity;
            n++;
        }

        count = n;
        if (ascending)
        {
            return;
        }

        if (descending)
        {
            // Venues send best-first, which is the reverse of this layout.
            keys.AsSpan(0, n).Reverse();
            quantities.AsSpan(0, n).Reverse();
            return;
        }

        // Unordered or repeated prices: insert one by one so that a repeated price keeps the last quantity.
        var pending = new Level[n];
        for (var i = 0; i < n; i++)
        {
            pending[i] = new Level(ToPrice(keys[i]), quantities[i]);
        }

        count = 0;
        foreach (var level in pending)
        {
            Set(level.Price, level.Quantity);
        }
    }

    /// <summary>Keeps only the best <paramref name="depth"/> levels.</summary>
    public void TruncateTo(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var drop = count - depth;
        if (drop <= 0)
        {
            return;
        }

        Array.Copy(keys, drop, keys, 0, depth);
        Array.Copy(quantities, drop, quantities, 0, depth);
        count = depth;
    }

    public void Clear() => count = 0;

    /// <summary>Copies the levels best-first into <paramref name="destination"/>; returns how many were written.</summary>
    public int CopyTo(Span<Level> destination)
    {
        var n = Math.Min(count, destination.Length);
        for (var i = 0; i < n; i++)
        {
            destination[i] = LevelAt(i);
        }

        return n;
    }

    public bool ContentEquals(BookSide other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Side == other.Side
            && count == other.count
            && keys.AsSpan(0, count).SequenceEqual(other.keys.AsSpan(0, count))
            && quantities.AsSpan(0, count).SequenceEqual(other.quantities.AsSpan(0, count));
    }

    private long ToPrice(long key) => Side == Side.Bid ? key : -key;

    private void Grow()
    {
        Array.Resize(ref keys, keys.Length * 2);
        Array.Resize(ref quantities, quantities.Length * 2);
    }
}
