using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One Gate.io <c>/ws/v4/</c> connection: requests <c>{"time":..,"channel":"spot.order_book_update","event":"subscribe","payload":["BTC_USDT","100ms"]}</c>
/// (one pair per request; "unsubscribe" alike) are answered <c>{"time","time_ms","channel","event","payload",.."result":{"status":"success"}}</c>,
/// with the request's <c>id</c> echoed when it has one; <c>spot.ping</c> gets <c>spot.pong</c>; a bad request gets
/// <c>"error":{"code":..,"message":..}</c> and <c>"result":{"status":"fail"}</c> with Gate's documented codes (1 invalid
/// request body, 2 invalid argument, 3 server side error). Messages go out as text frames.
/// </summary>
public sealed class GateIoSimSession : SimSession
{
    /// <summary>
    /// The refusal of a subscribe over a quota (SubscribeRefused) and of a message over the message limit. Gate documents no
    /// rate-limit error for its WebSocket; its documented catch-all refusal is code 3.
    /// </summary>
    public const int RefusedCode = 3;

    public const string RefusedMessage = "Server side error happened";

    private readonly GateIoSimVenue venue;
    private readonly HashSet<string> pairs = new(StringComparer.Ordinal);

    internal GateIoSimSession(GateIoSimVenue venue) => this.venue = venue;

    public override VenueId Venue => VenueId.GateIo;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>The subscribed pairs.</summary>
    public IReadOnlyCollection<string> Pairs => pairs;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var now = venue.LastStepMicros;
        if (!TryRead(text, out var request))
        {
            return [GateIoFrames.Reply(now, null, "", "", null, 1, "Invalid request body format")];
        }

        var (id, channel, requestEvent, payload, args) = request;
        if (channel == "spot.ping")
        {
            return [GateIoFrames.Pong(now)];
        }

        if (channel.Length == 0 || requestEvent.Length == 0)
        {
            return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, 1, "Invalid request body format")];
        }

        if (channel != GateIoFrames.BookChannel)
        {
            return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, 2, $"channel {channel} is not simulated")];
        }

        if (requestEvent is not ("subscribe" or "unsubscribe"))
        {
            return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, 2, $"Invalid argument provided: event {requestEvent}")];
        }

        if (args is not [var pair, var interval])
        {
            return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, 2, "Invalid argument provided: payload must be [currency_pair, interval]")];
        }

        if (venue.SymbolIndex(pair) < 0)
        {
            return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, 2, $"unknown currency pair {pair}")];
        }

        if (interval != GateIoSimVenue.Interval)
        {
            return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, 2, $"Invalid argument provided: interval {interval} is not simulated (only {GateIoSimVenue.Interval})")];
        }

        if (requestEvent == "subscribe")
        {
            if (venue.TryTakeFault(FaultKind.SubscribeRefused))
            {
                return [GateIoFrames.Reply(now, id, channel, requestEvent, payload, RefusedCode, RefusedMessage)];
            }

            pairs.Add(pair);
        }
        else
        {
            pairs.Remove(pair);
        }

        return [GateIoFrames.Reply(now, id, channel, requestEvent, payload)];
    }

    /// <summary>Over the message limit the request is refused with an error reply; the connection stays open.</summary>
    public override IReadOnlyList<byte[]>? RateLimitedReply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TryRead(text, out var request); // garbage is refused all the same
        return [GateIoFrames.Reply(venue.LastStepMicros, request.Id, request.Channel, request.Event, request.Payload, RefusedCode, RefusedMessage)];
    }

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Kind == SimOutputKind.Frame && output.Venue == VenueId.GateIo && pairs.Contains(output.Symbol) ? output.Bytes : null;
    }

    /// <summary>The request's raw id (or null), channel, event, raw payload (or null) and payload strings (null when it is not an array of strings).</summary>
    private static bool TryRead(string text, out (string? Id, string Channel, string Event, string? Payload, string[]? Args) request)
    {
        request = (null, "", "", null, null);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number ? idElement.GetRawText() : null;
            var channel = root.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
            var requestEvent = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
            string? payload = null;
            string[]? args = null;
            if (root.TryGetProperty("payload", out var p))
            {
                payload = p.GetRawText();
                if (p.ValueKind == JsonValueKind.Array && p.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
                {
                    args = [.. p.EnumerateArray().Select(x => x.GetString()!)];
                }
            }

            request = (id, channel, requestEvent, payload, args);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
