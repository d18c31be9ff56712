namespace Arbiter.Core;

/// <summary>Maps a venue symbol given as UTF-8 bytes (straight from a frame) to a value without allocating.</summary>
/// <remarks>Symbols are ASCII; lookups longer than 64 bytes or with non-ASCII bytes simply miss.</remarks>
public sealed class Utf8SymbolMap<T>
{
    private const int MaxLength = 64;
    private readonly Dictionary<string, T> map;
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public Utf8SymbolMap(bool ignoreCase = false)
    {
        map = new Dictionary<string, T>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => map.Count;

    public void Set(string symbol, T value) => map[symbol] = value;

    public bool TryGet(string symbol, out T value) => map.TryGetValue(symbol, out value!);

    public bool TryGet(ReadOnlySpan<byte> utf8, out T value)
    {
        if (utf8.Length == 0 || utf8.Length > MaxLength)
        {
            value = default!;
            return false;
        }

        Span<char> chars = stackalloc char[MaxLength];
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b >= 0x80)
            {
                value = default!;
                return false;
            }

            chars[i] = (char)b;
        }

        return lookup.TryGetValue(chars[..utf8.Length], out value!);
    }

    public IEnumerable<KeyValuePair<string, T>> Entries => map;
}
