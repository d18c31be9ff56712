namespace Arbiter.Api;

/// <summary>
/// One WebSocket client's pending messages, in order, conflated by key: a message that replaces (see
/// <see cref="OutboundMessage.Replaces"/>) takes the place of the pending message with the same key, keeping its
/// position and carrying the newest content. Bounded: when more than the capacity would be pending the queue reports
/// <see cref="EnqueueResult.Overflow"/>, empties and closes. O(1) enqueue (a ring of pending messages indexed by
/// sequence number plus a dictionary from key to the sequence number of the replaceable pending message); the lock is
/// held for a few instructions and shared only by the hub (enqueue) and the client's send loop (take).
/// </summary>
public sealed class ConflatingSendQueue
{
    private const int InitialSlots = 16;

    private readonly object sync = new();
    private readonly Dictionary<ConflationKey, long> replaceable = [];
    private OutboundMessage?[] ring = new OutboundMessage?[InitialSlots];
    private long head;
    private long tail;
    private bool closed;

    public ConflatingSendQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most messages that may be pending (after conflation).</summary>
    public int Capacity { get; }

    /// <summary>Messages pending now.</summary>
    public int Count
    {
        get
        {
            lock (sync)
            {
                return (int)(tail - head);
            }
        }
    }

    /// <summary>Whether the queue was closed (overflow or <see cref="Close"/>).</summary>
    public bool IsClosed
    {
        get
        {
            lock (sync)
            {
                return closed;
            }
        }
    }

    /// <summary>Queues <paramref name="message"/>, replacing the pending message with its key when it replaces; never waits.</summary>
    public EnqueueResult Enqueue(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (sync)
        {
            if (closed)
            {
                return EnqueueResult.Closed;
            }

            var key = message.Key;
            if (message.Replaces)
            {
                if (replaceable.TryGetValue(key, out var pending))
                {
                    ring[(int)(pending & (ring.Length - 1))] = message;
                    return EnqueueResult.Replaced;
                }
            }
            else if (!key.IsNone)
            {
                // A barrier: a later message with this key must not jump back in front of it.
                replaceable.Remove(key);
            }

            var count = tail - head;
            if (count >= Capacity)
            {
                CloseLocked();
                return EnqueueResult.Overflow;
            }

            if (count == ring.Length)
            {
                Grow();
            }

            if (message.Replaces)
            {
                replaceable[key] = tail;
            }

            ring[(int)(tail & (ring.Length - 1))] = message;
            tail++;
            return count == 0 ? EnqueueResult.QueuedFirst : EnqueueResult.Queued;
        }
    }

    /// <summary>
    /// Ends conflation across this point: no message queued later replaces one queued before (used before a snapshot,
    /// so the client never applies newer state and then an older snapshot over it).
    /// </summary>
    public void Barrier()
    {
        lock (sync)
        {
            replaceable.Clear();
        }
    }

    /// <summary>
    /// Moves pending messages, oldest first, into <paramref name="batch"/>: at least one when any is pending, then more
    /// while their payloads total at most <paramref name="maxBytes"/> and there are at most <paramref name="maxMessages"/>.
    /// Returns the total payload bytes taken.
    /// </summary>
    public int TakeBatch(List<OutboundMessage> batch, int maxBytes, int maxMessages)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var bytes = 0;
        lock (sync)
        {
            while (head < tail && batch.Count < maxMessages)
            {
                var slot = (int)(head & (ring.Length - 1));
                var message = ring[slot]!;
                if (batch.Count > 0 && bytes + message.Payload.Length > maxBytes)
                {
                    break;
                }

                if (message.Replaces && replaceable.TryGetValue(message.Key, out var pending) && pending == head)
                {
                    replaceable.Remove(message.Key);
                }

                ring[slot] = null;
                head++;
                bytes += message.Payload.Length;
                batch.Add(message);
            }
        }

        return bytes;
    }

    /// <summary>Empties and closes the queue: later messages are refused.</summary>
    public void Close()
    {
        lock (sync)
        {
            CloseLocked();
        }
    }

    private void CloseLocked()
    {
        closed = true;
        replaceable.Clear();
        Array.Clear(ring);
        ring = new OutboundMessage?[InitialSlots];
        head = tail = 0;
    }

    /// <summary>Doubles the ring; each pending message moves to its sequence number's slot in the larger ring (lengths are powers of two).</summary>
    private void Grow()
    {
        var grown = new OutboundMessage?[ring.Length * 2];
        for (var seq = head; seq < tail; seq++)
        {
            grown[(int)(seq & (grown.Length - 1))] = ring[(int)(seq & (ring.Length - 1))];
        }

        ring = grown;
    }
}
