namespace Arbiter.Venues.Okx;

/// <summary>The <see cref="OkxSpelling"/> of each level of one side, parallel to the side's <see cref="Arbiter.Core.LevelList"/>; reused, growable.</summary>
public sealed class OkxSpellingList
{
    private ushort[] items;

    public OkxSpellingList(int capacity = 32) => items = new ushort[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public void Add(byte priceDecimals, byte sizeDecimals)
    {
        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[Count++] = (ushort)((priceDecimals << 8) | sizeDecimals);
    }

    /// <summary>Digits after the point of the i-th level's price as sent.</summary>
    public byte PriceDecimals(int index) => (byte)(Item(index) >> 8);

    /// <summary>Digits after the point of the i-th level's size as sent.</summary>
    public byte SizeDecimals(int index) => (byte)Item(index);

    public void Clear() => Count = 0;

    private ushort Item(int index) => (uint)index < (uint)Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));
}
