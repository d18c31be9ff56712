namespace Arbiter.Core;

/// <summary>A reusable, growable list of levels filled by a parser and read by the engine.</summary>
public sealed class LevelList
{
    private Level[] items;

    public LevelList(int capacity = 32) => items = new Level[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public ReadOnlySpan<Level> Span => items.AsSpan(0, Count);

    public Level this[int index] => index < Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(long price, long quantity)
    {
        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[Count++] = new Level(price, quantity);
    }

    public void Clear() => Count = 0;

    public void CopyFrom(LevelList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Clear();
        foreach (var level in other.Span)
        {
            Add(level.Price, level.Quantity);
        }
    }
}
