namespace Arbiter.Api;

/// <summary>
/// The messages broadcast to WebSocket clients, each appended once (by the hub, under its lock) to one shared ring and
/// read by every client from its own cursor. Appending is O(1) however many clients there are; a client's send loop
/// does the per-client work (filter, conflation, framing) at its own pace, on its own turn.
/// </summary>
/// <remarks>
/// Conflation: a message with a conflation key that <see cref="OutboundMessage.Replaces"/> marks the previous such
/// message of the same key as superseded; a reader skips a superseded message, because the newer one is later in the
/// log and reaches the same reader. A message with the key that does not replace (an opportunity's opened, closed or
/// transferChanged) ends the chain: an update after it never supersedes one before it. A reader more than
/// <see cref="Capacity"/> messages behind finds its next slot overwritten and is dropped as too slow.
/// Memory model: the single writer stores the slot, then publishes <see cref="Head"/> with a volatile write;
/// readers read <see cref="Head"/> first, then slots up to it, and check each slot's sequence.
/// </remarks>
public sealed class BroadcastLog
{
    private readonly OutboundMessage?[] ring;
    private readonly int mask;
    private readonly Dictionary<ConflationKey, OutboundMessage> latestByKey = [];
    private long head;
    private TaskCompletionSource appended = NewSignal();
    private int waiting;

    /// <param name="capacity">How far a reader may fall behind; rounded up to a power of two.</param>
    public BroadcastLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var size = (int)Math.Min(1L << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity));
        ring = new OutboundMessage?[size];
        mask = size - 1;
        Capacity = size;
    }

    /// <summary>How many messages the ring holds: a reader further behind than this has lost messages.</summary>
    public int Capacity { get; }

    /// <summary>The sequence of the newest message (0 before the first).</summary>
    public long Head => Volatile.Read(ref head);

    /// <summary>Appends <paramref name="message"/> (single writer) and returns its sequence.</summary>
    public long Append(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sequence = head + 1;
        message.Sequence = sequence;
        if (!message.Key.IsNone)
        {
            if (latestByKey.Remove(message.Key, out var previous))
            {
                if (message.Replaces)
                {
                    previous.MarkSuperseded(sequence);
                }
            }

            if (message.Replaces)
            {
                latestByKey.Add(message.Key, message);
            }
        }

        ring[sequence & mask] = message;

        // A full fence between publishing the head and reading the waiting flag (a reader sets the flag, then reads
        // the head): either this append sees the reader waiting, or the reader sees this append.
        Interlocked.Exchange(ref head, sequence);
        if (Volatile.Read(ref waiting) != 0)
        {
            Interlocked.Exchange(ref waiting, 0);
            Interlocked.Exchange(ref appended, NewSignal()).TrySetResult();
        }

        return sequence;
    }

    /// <summary>The message at <paramref name="sequence"/> (≤ <see cref="Head"/>), or null when it was overwritten: the reader fell too far behind.</summary>
    public OutboundMessage? Read(long sequence)
    {
        var message = Volatile.Read(ref ring[sequence & mask]);
        return message is not null && message.Sequence == sequence ? message : null;
    }

    /// <summary>Completes once a message after <paramref name="after"/> is appended (at once if one already is).</summary>
    public Task WaitAsync(long after)
    {
        var signal = Volatile.Read(ref appended);
        Interlocked.Exchange(ref waiting, 1);
        return Head > after ? Task.CompletedTask : signal.Task;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
