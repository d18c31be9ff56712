namespace Arbiter.Simulator;

/// <summary>What a <see cref="SimOutput"/> asks the transport to do.</summary>
public enum SimOutputKind
{
    /// <summary>Send a message to the sockets subscribed to its stream.</summary>
    Frame = 0,

    /// <summary>Close all of the venue's sockets abruptly (DroppedConnection).</summary>
    Disconnect = 1,

    /// <summary>The venue goes silent for <see cref="SimOutput.StallDuration"/> (SilentStall); the venue itself withholds the frames, this item is informational.</summary>
    Stall = 2,
}
