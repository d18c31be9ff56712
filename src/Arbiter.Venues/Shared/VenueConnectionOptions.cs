namespace Arbiter.Venues;

/// <summary>Transport settings shared by every venue WebSocket connection.</summary>
public sealed class VenueConnectionOptions
{
    public const string Section = "Connection";

    /// <summary>Largest message accepted; a bigger one is counted malformed and the connection is replaced.</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>No message for this long → reconnect (DESIGN §5); a <see cref="ConnectionSpec.IdleTimeout"/> overrides it.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Limit on the WebSocket handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Interval of unsolicited keep-alive pongs sent by <see cref="System.Net.WebSockets.ClientWebSocket"/> (it always answers
    /// the server's pings, e.g. Binance's every 20 s, by itself). Zero disables them.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Outgoing texts (subscriptions, pings) queued per connection; more are dropped.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    public ConnectionResilienceOptions Resilience { get; set; } = new();

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Range(errors, section + ":MaxFrameBytes", MaxFrameBytes, 256, 1L << 30);
        OptionErrors.Range(errors, section + ":IdleTimeout", IdleTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        OptionErrors.Range(errors, section + ":ConnectTimeout", ConnectTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        OptionErrors.Range(errors, section + ":KeepAliveInterval", KeepAliveInterval, TimeSpan.Zero, TimeSpan.FromHours(1));
        OptionErrors.Range(errors, section + ":SendQueueCapacity", SendQueueCapacity, 1, 1_000_000);
        if (Resilience is null)
        {
            errors.Add(section + ":Resilience is required.");
        }
        else
        {
            errors.AddRange(Resilience.GetValidationErrors(section + ":" + ConnectionResilienceOptions.Section));
        }

        return errors;
    }

    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
