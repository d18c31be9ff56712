using System.Collections;
using System.Globalization;

namespace Arbiter.Engine;

/// <summary>
/// The consumed levels of one leg of a depth walk, in walk order. Equal when the fills are equal one by one, so an
/// <see cref="Opportunity"/> (a record) still compares by value.
/// </summary>
public sealed class LevelFills : IReadOnlyList<LevelFill>, IEquatable<LevelFills>
{
    private readonly LevelFill[] fills;

    public LevelFills(LevelFill[] fills)
    {
        this.fills = fills ?? throw new ArgumentNullException(nameof(fills));
    }

    public static LevelFills Empty { get; } = new([]);

    public int Count => fills.Length;

    public LevelFill this[int index] => fills[index];

    /// <summary>Σ quantity: the opportunity's size.</summary>
    public decimal TotalQuantity()
    {
        var sum = 0m;
        foreach (var fill in fills)
        {
            sum += fill.Quantity;
        }

        return sum;
    }

    public bool Equals(LevelFills? other) => other is not null && fills.AsSpan().SequenceEqual(other.fills);

    public override bool Equals(object? obj) => Equals(obj as LevelFills);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var fill in fills)
        {
            hash.Add(fill);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<LevelFill> GetEnumerator() => ((IEnumerable<LevelFill>)fills).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => fills.GetEnumerator();

    public override string ToString() =>
        "[" + string.Join(", ", fills.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Quantity}@{f.Price}"))) + "]";
}
