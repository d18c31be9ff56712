using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>A hand-written protocol that logs every input as text ("open id", "frame id text", "close id").</summary>
internal sealed class RecordingProtocol : IVenueProtocol
{
    private readonly List<string> log = [];

    public VenueId Venue => VenueId.Upbit;

    public VenueCounters Counters { get; } = new();

    public IReadOnlyList<string> MarketListRequests => [];

    public VenueMarkets? Symbols => null;

    public IReadOnlyList<ConnectionSpec> Connections => [];

    /// <summary>Called (inside the gate) when a connection opens.</summary>
    public Action<string>? Opened { get; set; }

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (log)
            {
                return [.. log];
            }
        }
    }

    public void OnRestResponse(string pathAndQuery, ReadOnlySpan<byte> body, long receivedAt) => Add("rest " + pathAndQuery);

    public void OnRestFailure(string pathAndQuery, string error, long at) => Add("restfail " + pathAndQuery);

    public void OnOpened(string connectionId, long at)
    {
        Add("open " + connectionId);
        Opened?.Invoke(connectionId);
    }

    public void OnFrame(string connectionId, ReadOnlySpan<byte> utf8, long receivedAt)
    {
        Counters.CountFrame(utf8.Length);
        Add("frame " + connectionId + " " + Encoding.UTF8.GetString(utf8));
    }

    public void OnClosed(string connectionId, long at) => Add("close " + connectionId);

    /// <summary>Waits until <paramref name="condition"/> holds for the log; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Log))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out; log: " + string.Join(" | ", Log));
            }

            await Task.Delay(10);
        }
    }

    private void Add(string entry)
    {
        lock (log)
        {
            log.Add(entry);
        }
    }
}
