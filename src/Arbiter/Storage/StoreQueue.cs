using System.Threading.Channels;
using Arbiter.Api;
using Arbiter.Engine;

namespace Arbiter.Storage;

/// <summary>
/// The store's own bounded queue behind the engine-output fan-out: a write never blocks and never fails the engine.
/// It keeps only what the store records (opportunity events, connection changes, quality exclusions flipping, wallet
/// changes). When <see cref="Capacity"/> is reached the oldest queued Updated event is dropped (a later event of the
/// same opportunity carries its peak and last state); Opened, TransferChanged, Closed and venue status are not dropped
/// for room, and may take the queue up to twice its capacity; only beyond that (the disk stalled for long) are they
/// dropped too, each counted in <see cref="DroppedOther"/>.
/// </summary>
public sealed class StoreQueue : ChannelWriter<HostOutput>
{
    private readonly object gate = new();
    private readonly LinkedList<StoredOutput> items = new();
    private readonly bool?[] excluded = new bool?[Core.VenueNames.Count];
    private TaskCompletionSource<bool>? waiter;
    private int updatesQueued;
    private bool completed;
    private long droppedUpdates;
    private long droppedOther;

    public StoreQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Updated events dropped for room, since start.</summary>
    public long DroppedUpdates => Interlocked.Read(ref droppedUpdates);

    /// <summary>Other outputs dropped because the queue was at twice its capacity, since start.</summary>
    public long DroppedOther => Interlocked.Read(ref droppedOther);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> if the store keeps it; never blocks. False only after <see cref="ChannelWriter{T}.TryComplete"/>.</summary>
    public override bool TryWrite(HostOutput item)
    {
        ArgumentNullException.ThrowIfNull(item);
        TaskCompletionSource<bool>? wake;
        lock (gate)
        {
            if (completed)
            {
                return false;
            }

            if (!Keep(item, out var stored))
            {
                return true;
            }

            var isUpdate = item.Opportunity?.Kind == OpportunityEventKind.Updated;
            if (items.Count >= Capacity)
            {
                if (updatesQueued > 0)
                {
                    RemoveOldestUpdate();
                }
                else if (isUpdate || items.Count >= 2 * Capacity)
                {
                    if (isUpdate)
                    {
                        droppedUpdates++;
                    }
                    else
                    {
                        droppedOther++;
                    }

                    return true;
                }
            }

            items.AddLast(stored);
            if (isUpdate)
            {
                updatesQueued++;
            }

            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult(true);
        return true;
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return new ValueTask<bool>(!completed);
        }
    }

    public override bool TryComplete(Exception? error = null)
    {
        TaskCompletionSource<bool>? wake;
        lock (gate)
        {
            if (completed)
            {
                return false;
            }

            completed = true;
            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult(false);
        return true;
    }

    /// <summary>Takes the oldest queued output, if any.</summary>
    public bool TryTake(out StoredOutput item)
    {
        lock (gate)
        {
            if (items.First is not { } first)
            {
                item = default;
                return false;
            }

            item = first.Value;
            items.RemoveFirst();
            if (item.Output.Opportunity?.Kind == OpportunityEventKind.Updated)
            {
                updatesQueued--;
            }

            return true;
        }
    }

    /// <summary>Completes with true when an output is queued, false when the queue is completed and empty.</summary>
    public Task<bool> WaitToTakeAsync()
    {
        lock (gate)
        {
            if (items.Count > 0)
            {
                return Task.FromResult(true);
            }

            if (completed)
            {
                return Task.FromResult(false);
            }

            waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return waiter.Task;
        }
    }

    private bool Keep(HostOutput output, out StoredOutput stored)
    {
        stored = new StoredOutput(output, false);
        if (output.Opportunity is not null || output.WalletChange is not null)
        {
            return true;
        }

        if (output.Quality is { } quality)
        {
            // Only a flip of the exclusion is a status change worth a row (quality reports come every few seconds).
            ref var last = ref excluded[(int)quality.Venue];
            if (last == quality.Excluded || (last is null && !quality.Excluded))
            {
                last = quality.Excluded;
                return false;
            }

            last = quality.Excluded;
            return true;
        }

        if (output.Tops is null && output.Premiums is null && output.Fx is null)
        {
            stored = new StoredOutput(output, true);
            return true;
        }

        return false;
    }

    private void RemoveOldestUpdate()
    {
        for (var node = items.First; node is not null; node = node.Next)
        {
            if (node.Value.Output.Opportunity?.Kind == OpportunityEventKind.Updated)
            {
                items.Remove(node);
                updatesQueued--;
                droppedUpdates++;
                return;
            }
        }
    }
}
