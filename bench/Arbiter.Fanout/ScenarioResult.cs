namespace Arbiter.Fanout;

/// <summary>One measured run: the baseline (no clients), N clients, or N clients plus a stalled one.</summary>
/// <param name="Clients">Reading clients (0 for the baseline).</param>
/// <param name="WithStalled">Whether one stalled client was connected too.</param>
/// <param name="WindowSeconds">Length of the measured window.</param>
/// <param name="Events">Events the generator applied with a time inside the window (exact).</param>
/// <param name="OpenedOrClosed">Of which opportunity.opened/closed (never conflated).</param>
/// <param name="CpuSeconds">Server-process CPU time over the window.</param>
/// <param name="Fleet">What the clients saw; null for the baseline.</param>
/// <param name="StalledDroppedAfterSeconds">When the hub dropped the stalled client, seconds after it stopped reading; null when it was not dropped while watched.</param>
/// <param name="StalledWatchedSeconds">How long the stalled client was watched.</param>
public sealed record ScenarioResult(
    int Clients,
    bool WithStalled,
    double WindowSeconds,
    long Events,
    long OpenedOrClosed,
    double CpuSeconds,
    FleetReport? Fleet,
    double? StalledDroppedAfterSeconds,
    double StalledWatchedSeconds)
{
    public double EventsPerSecond => Events / WindowSeconds;

    public double CpuPercent => CpuSeconds / WindowSeconds * 100;

    public double CpuPerSecond => CpuSeconds / WindowSeconds;

    /// <summary>Messages received per reading client per second.</summary>
    public double MessagesPerClientPerSecond => Fleet is { Healthy: > 0 } f ? f.ReceivedTotal / (double)f.Healthy / WindowSeconds : 0;
}
