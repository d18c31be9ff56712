namespace Arbiter.Fanout;

/// <summary>N reading WebSocket clients (plus optionally one stalled client) on <c>/ws</c>, in this process or in a child process.</summary>
public interface IClientFleet : IAsyncDisposable
{
    /// <summary>Connects every client; completes when each has received its snapshot (the stalled one too) or was dropped by the server (reported by <see cref="MeasureAsync"/>).</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Measures messages whose time lies in <c>[start, end)</c> (unix µs, both in the future), and returns once every reading client has read past <paramref name="end"/> or a deadline passed.</summary>
    Task<FleetReport> MeasureAsync(long start, long end, CancellationToken cancellationToken);
}
