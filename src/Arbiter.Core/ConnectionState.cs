namespace Arbiter.Core;

/// <summary>State of a venue connection as reported by its adapter.</summary>
public enum ConnectionState : byte
{
    Disconnected = 0,
    Connecting = 1,
    Connected = 2,

    /// <summary>The circuit breaker is open: no connection attempts until it half-opens.</summary>
    CircuitOpen = 3,
}
