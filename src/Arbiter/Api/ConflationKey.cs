namespace Arbiter.Api;

/// <summary>
/// The identity of the state a WebSocket message carries: a pending message with the same key is replaced in place by
/// a newer one (see <see cref="BroadcastLog"/>). A value type compared by kind and number, so a lookup allocates nothing.
/// </summary>
public readonly record struct ConflationKey(ConflationKind Kind, long Id)
{
    /// <summary>No key.</summary>
    public static ConflationKey None => default;

    public bool IsNone => Kind == ConflationKind.None;
}
