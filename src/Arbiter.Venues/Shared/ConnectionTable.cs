namespace Arbiter.Venues;

/// <summary>
/// Maps physical connection ids ("{spec name}#{n}") to the index of their <see cref="ConnectionSpec"/> and remembers which
/// physical connection of each spec is current, so that a protocol can ignore frames and the late close of a connection
/// that an overlapping replacement has superseded. Ids without "#n" (replay of old captures, tests) count as current.
/// </summary>
public sealed class ConnectionTable
{
    private readonly string[] names;
    private readonly string?[] current;

    public ConnectionTable(IReadOnlyList<ConnectionSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        names = new string[specs.Count];
        current = new string?[specs.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = specs[i].Name;
        }
    }

    public static ConnectionTable Empty { get; } = new([]);

    public int Count => names.Length;

    /// <summary>Index of the spec <paramref name="connectionId"/> belongs to, or -1 when it is not one of ours.</summary>
    public int IndexOf(string connectionId)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var hash = connectionId.LastIndexOf('#');
        var name = hash < 0 ? connectionId.AsSpan() : connectionId.AsSpan(0, hash);
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A connection opened: it becomes its spec's current connection. Returns the spec index, or -1 when not ours.</summary>
    public int Opened(string connectionId)
    {
        var index = IndexOf(connectionId);
        if (index >= 0)
        {
            current[index] = connectionId;
        }

        return index;
    }

    /// <summary>
    /// A connection closed. Returns its spec index when it was the current one (its books are now lost), or -1 when it
    /// is not ours or was already superseded by a newer connection of the same spec (nothing to do).
    /// </summary>
    public int Closed(string connectionId)
    {
        var index = IndexOf(connectionId);
        if (index < 0 || !IsCurrentOf(index, connectionId))
        {
            return -1;
        }

        current[index] = null;
        return index;
    }

    /// <summary>Spec index of a frame's connection when it is the current one; -1 for a superseded or foreign connection.</summary>
    public int CurrentIndexOf(string connectionId)
    {
        var index = IndexOf(connectionId);
        return index >= 0 && IsCurrentOf(index, connectionId) ? index : -1;
    }

    private bool IsCurrentOf(int index, string connectionId) =>
        current[index] is not { } open || string.Equals(open, connectionId, StringComparison.Ordinal);
}
