namespace Arbiter.Storage;

/// <summary>Where an alert is in its life: queued for a sink, sent (acknowledged by the sink), or dropped (with a reason).</summary>
public enum AlertState : byte
{
    Queued = 0,
    Sent = 1,
    Dropped = 2,
}
