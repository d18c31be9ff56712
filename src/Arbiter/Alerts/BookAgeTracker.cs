using Arbiter.Engine;

namespace Arbiter.Alerts;

/// <summary>The receive time of each instrument's latest book top, so an alert can say how old the books behind it are. Thread-safe.</summary>
public sealed class BookAgeTracker
{
    private readonly object gate = new();
    private readonly Dictionary<Arbiter.Core.Instrument, long> receiveTimes = []; // by reference: one instance per market

    /// <summary>Takes the tops the engine published (<see cref="IEngineOutputSink.OnBookTops"/>).</summary>
    public void Observe(IReadOnlyList<BookTop> tops)
    {
        ArgumentNullException.ThrowIfNull(tops);
        lock (gate)
        {
            for (var i = 0; i < tops.Count; i++)
            {
                receiveTimes[tops[i].Instrument] = tops[i].ReceiveTime;
            }
        }
    }

    /// <summary>How old <paramref name="instrument"/>'s top is at <paramref name="now"/> (unix µs), or null when none was seen.</summary>
    public TimeSpan? AgeOf(Arbiter.Core.Instrument instrument, long now)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        lock (gate)
        {
            return receiveTimes.TryGetValue(instrument, out var time) ? TimeSpan.FromTicks(Math.Max(0, now - time) * 10) : null;
        }
    }
}
