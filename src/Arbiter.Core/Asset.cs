namespace Arbiter.Core;

/// <summary>A currency or coin (BTC, USDT, KRW): an interned id, compared as an integer.</summary>
public readonly struct Asset : IEquatable<Asset>, IComparable<Asset>
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, ushort> Ids = new(StringComparer.Ordinal);
    private static string[] codes = new string[64];
    private static int count = 1; // id 0 is "no asset"

    private Asset(ushort id) => Id = id;

    /// <summary>The interned id; 0 is <see cref="None"/>.</summary>
    public ushort Id { get; }

    public static Asset None => default;

    public static Asset Usd { get; } = Of("USD");
    public static Asset Usdt { get; } = Of("USDT");
    public static Asset Usdc { get; } = Of("USDC");
    public static Asset Krw { get; } = Of("KRW");
    public static Asset Btc { get; } = Of("BTC");

    /// <summary>The upper-case code, e.g. "BTC".</summary>
    public string Code => Id == 0 ? "" : Volatile.Read(ref codes)[Id];

    public bool IsNone => Id == 0;

    /// <summary>Interns a code (case-insensitive; stored upper-case). Throws on an empty or over-long code.</summary>
    public static Asset Of(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (code.Length > 32)
        {
            throw new ArgumentException($"Asset code '{code}' is longer than 32 characters.", nameof(code));
        }

        var upper = code.ToUpperInvariant();
        lock (Gate)
        {
            if (Ids.TryGetValue(upper, out var id))
            {
                return new Asset(id);
            }

            if (count == ushort.MaxValue)
            {
                throw new InvalidOperationException("Too many distinct assets.");
            }

            if (count == codes.Length)
            {
                var grown = new string[codes.Length * 2];
                Array.Copy(codes, grown, codes.Length);
                Volatile.Write(ref codes, grown);
            }

            id = (ushort)count++;
            codes[id] = upper;
            Ids.Add(upper, id);
            return new Asset(id);
        }
    }

    public bool Equals(Asset other) => Id == other.Id;

    public override bool Equals(object? obj) => obj is Asset other && Equals(other);

    public override int GetHashCode() => Id;

    public int CompareTo(Asset other) => string.CompareOrdinal(Code, other.Code);

    public override string ToString() => Code;

    public static bool operator ==(Asset left, Asset right) => left.Id == right.Id;

    public static bool operator !=(Asset left, Asset right) => left.Id != right.Id;

    public static bool operator <(Asset left, Asset right) => left.CompareTo(right) < 0;

    public static bool operator >(Asset left, Asset right) => left.CompareTo(right) > 0;

    public static bool operator <=(Asset left, Asset right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Asset left, Asset right) => left.CompareTo(right) >= 0;
}
