namespace Arbiter.Venues;

/// <summary>Why one physical connection ended.</summary>
internal enum SessionEnd
{
    None = 0,
    ConnectFailed,
    ConnectTimeout,
    ServerClosed,

    /// <summary>The server closed with 1008 (policy violation: Binance's "too many requests"); never counted as a healthy session.</summary>
    PolicyViolation,
    TransportError,

    /// <summary>Nothing arrived for the idle timeout.</summary>
    IdleTimeout,

    /// <summary>Planned replacement after <see cref="ConnectionSpec.MaxLifetime"/>.</summary>
    Lifetime,

    /// <summary>The protocol asked for a reconnect.</summary>
    Requested,

    /// <summary>A message exceeded <see cref="VenueConnectionOptions.MaxFrameBytes"/>.</summary>
    Oversize,

    /// <summary>The run was cancelled.</summary>
    Shutdown,
}
