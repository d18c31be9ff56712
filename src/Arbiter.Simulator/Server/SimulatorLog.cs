using Microsoft.Extensions.Logging;

namespace Arbiter.Simulator;

/// <summary>The simulator server's log messages, with stable event ids.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Simulated {Venue} listening on {RestBase}")]
    public static partial void Started(ILogger logger, string venue, Uri restBase);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Venue} client connected on {Path}")]
    public static partial void ClientConnected(ILogger logger, string venue, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Venue} client gone: {Reason}")]
    public static partial void ClientGone(ILogger logger, string venue, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Venue} client dropped: its outbox of {Capacity} frames is full")]
    public static partial void SlowClientDropped(ILogger logger, string venue, int capacity);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Venue} injected DroppedConnection: closing {Count} sockets")]
    public static partial void FaultDisconnect(ILogger logger, string venue, int count);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Simulator stopped")]
    public static partial void Stopped(ILogger logger);
}
