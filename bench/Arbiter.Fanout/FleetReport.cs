namespace Arbiter.Fanout;

/// <summary>What a client fleet saw over one measured window (the child process prints it as one JSON line).</summary>
/// <param name="Healthy">Reading clients asked for.</param>
/// <param name="Snapshots">Reading clients that received their snapshot.</param>
/// <param name="StalledSnapshot">Whether the stalled client (if any) received its snapshot before it stopped reading; null without one.</param>
/// <param name="Dropped">Reading clients whose connection ended before the window was read to its end.</param>
/// <param name="DropReasons">The distinct reasons of those drops.</param>
/// <param name="Incomplete">Reading clients, not dropped, that had not received a message past the window's end by the deadline.</param>
/// <param name="ReceivedTotal">Messages inside the window over all reading clients.</param>
/// <param name="ReceivedMin">Fewest messages inside the window of one reading client.</param>
/// <param name="ReceivedMax">Most messages inside the window of one reading client.</param>
/// <param name="OpenedOrClosedMin">Fewest opportunity.opened/closed messages inside the window of one reading client.</param>
/// <param name="OpenedOrClosedMax">Most of them.</param>
/// <param name="Frames">Frames read by the reading clients that held messages inside the window.</param>
/// <param name="BatchFrames">Of which carried more than one message.</param>
/// <param name="MalformedFrames">Frames that were not a JSON message or batch.</param>
/// <param name="BadTimes">Messages without a parseable <c>time</c>.</param>
/// <param name="NegativeLatencies">Messages stamped later than they were received (clamped to 0).</param>
/// <param name="ErrorMessages">Server <c>error</c> messages.</param>
/// <param name="P50">Delivery latency over all reading clients' messages in the window, µs.</param>
/// <param name="P99">µs.</param>
/// <param name="P999">µs.</param>
/// <param name="Max">µs.</param>
public sealed record FleetReport(
    int Healthy,
    int Snapshots,
    bool? StalledSnapshot,
    int Dropped,
    IReadOnlyList<string> DropReasons,
    int Incomplete,
    long ReceivedTotal,
    long ReceivedMin,
    long ReceivedMax,
    long OpenedOrClosedMin,
    long OpenedOrClosedMax,
    long Frames,
    long BatchFrames,
    long MalformedFrames,
    long BadTimes,
    long NegativeLatencies,
    long ErrorMessages,
    long P50,
    long P99,
    long P999,
    long Max);
