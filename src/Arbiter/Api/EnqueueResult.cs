namespace Arbiter.Api;

/// <summary>What <see cref="ConflatingSendQueue.Enqueue"/> did with a message.</summary>
public enum EnqueueResult : byte
{
    /// <summary>Appended; the queue was empty before, so the sender must be woken.</summary>
    QueuedFirst,

    /// <summary>Appended behind other pending messages (the sender is already due to run).</summary>
    Queued,

    /// <summary>Replaced the pending message with the same key in place.</summary>
    Replaced,

    /// <summary>Not queued: more than the capacity would be pending. The queue is now closed and emptied; drop the client.</summary>
    Overflow,

    /// <summary>Not queued: the queue was closed earlier.</summary>
    Closed,
}
