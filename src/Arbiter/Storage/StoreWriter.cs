using Arbiter.Core;
using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>
/// Drains a <see cref="StoreQueue"/> into the store: batches of at most <see cref="MaxBatch"/> outputs, each written in
/// one transaction no later than <see cref="MaxDelay"/> after its first output was taken; and runs the retention
/// cleanup every <c>Storage:CleanupInterval</c>. A failed write (disk full, I/O error) is counted with its rows and the
/// writer goes on; it never reaches the engine.
/// </summary>
public sealed class StoreWriter
{
    public const int MaxBatch = 500;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(100);

    private readonly SqliteStore store;
    private readonly StoreQueue queue;
    private readonly TimeProvider clock;
    private readonly TimeSpan cleanupInterval;
    private long batches;
    private long rows;
    private long failedRows;
    private long cleanups;
    private string? lastError;

    public StoreWriter(SqliteStore store, StoreQueue queue, TimeProvider clock, TimeSpan cleanupInterval)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.queue = queue ?? throw new ArgumentNullException(nameof(queue));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.cleanupInterval = cleanupInterval;
    }

    /// <summary>This run's id in the store (set when <see cref="RunAsync"/> starts).</summary>
    public long RunId { get; private set; }

    public long Batches => Interlocked.Read(ref batches);

    public long Rows => Interlocked.Read(ref rows);

    /// <summary>Outputs lost to failed writes.</summary>
    public long FailedRows => Interlocked.Read(ref failedRows);

    public long Cleanups => Interlocked.Read(ref cleanups);

    /// <summary>The last write or cleanup error, or null.</summary>
    public string? LastError => Volatile.Read(ref lastError);

    /// <summary>Writes until the queue is completed and drained; <paramref name="cancellationToken"/> stops only the cleanup schedule.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RunId = store.StartRun(UnixMicros.Now(clock));
        using var stopCleanup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var cleanup = CleanupLoopAsync(stopCleanup.Token);
        try
        {
            await WriteLoopAsync().ConfigureAwait(false);
        }
        finally
        {
            await stopCleanup.CancelAsync().ConfigureAwait(false);
            await cleanup.ConfigureAwait(false);
        }
    }

    /// <summary>Runs one retention cleanup now.</summary>
    public CleanupResult? CleanupNow()
    {
        try
        {
            var result = store.Cleanup(UnixMicros.Now(clock));
            Interlocked.Increment(ref cleanups);
            return result;
        }
        catch (SqliteException ex)
        {
            Volatile.Write(ref lastError, $"cleanup: {ex.Message}");
            return null;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<StoredOutput>(MaxBatch);
        while (await queue.WaitToTakeAsync().ConfigureAwait(false))
        {
            var deadline = clock.GetTimestamp() + (long)(MaxDelay.TotalSeconds * clock.TimestampFrequency);
            while (batch.Count < MaxBatch)
            {
                if (queue.TryTake(out var item))
                {
                    batch.Add(item);
                    continue;
                }

                var remaining = clock.GetElapsedTime(clock.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                var more = queue.WaitToTakeAsync();
                if (!more.IsCompleted)
                {
                    using var timeout = new CancellationTokenSource();
                    var delay = Task.Delay(remaining, clock, timeout.Token);
                    await Task.WhenAny(more, delay).ConfigureAwait(false);
                    await timeout.CancelAsync().ConfigureAwait(false);
                    await delay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                if (more.IsCompleted && !more.Result)
                {
                    break; // completed and drained
                }
            }

            Flush(batch);
        }
    }

    private void Flush(List<StoredOutput> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            store.Write(RunId, batch);
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref rows, batch.Count);
        }
        catch (SqliteException ex)
        {
            Interlocked.Add(ref failedRows, batch.Count);
            Volatile.Write(ref lastError, $"write: {ex.Message}");
        }

        batch.Clear();
    }

    private async Task CleanupLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(cleanupInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                CleanupNow();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
