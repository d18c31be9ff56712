using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One Kraken WS v2 connection (<c>/v2</c>): <c>{"method":"subscribe","params":{"channel":"book","symbol":[..],"depth":10,"snapshot":true},"req_id":n}</c>
/// is acknowledged per symbol and followed by that symbol's snapshot; <c>unsubscribe</c> is acknowledged per symbol;
/// <c>{"method":"ping"}</c> gets a pong; refusals are <c>{"error":..,"method":..,"req_id":..,"success":false,..}</c>.
/// Book messages carry the subscribed depth; a heartbeat is passed on only when no book message went out since the last one.
/// </summary>
public sealed class KrakenSimSession : SimSession
{
    /// <summary>The <see cref="SimOutput.Stream"/> of the venue's heartbeat items.</summary>
    internal const string HeartbeatStream = "heartbeat";

    private const int DefaultDepth = 10;

    private readonly KrakenSimVenue venue;
    private readonly Dictionary<string, int> subscriptions = new(StringComparer.Ordinal);
    private bool bookSinceHeartbeat;

    internal KrakenSimSession(KrakenSimVenue venue) => this.venue = venue;

    public override VenueId Venue => VenueId.Kraken;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>Subscribed symbols and their depths.</summary>
    public IReadOnlyDictionary<string, int> Subscriptions => subscriptions;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var now = venue.LastStepMicros;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return [KrakenFrames.Error("EGeneral:Invalid arguments", null, null, null, now)];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [KrakenFrames.Error("EGeneral:Invalid arguments", null, null, null, now)];
            }

            long? requestId = null;
            if (root.TryGetProperty("req_id", out var id))
            {
                if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var value))
                {
                    return [KrakenFrames.Error("EGeneral:Invalid arguments:req_id must be an integer", null, null, null, now)];
                }

                requestId = value;
            }

            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                return [KrakenFrames.Error("EGeneral:Invalid arguments:method", null, requestId, null, now)];
            }

            var method = methodElement.GetString()!;
            return method switch
            {
                "ping" => [KrakenFrames.Pong(requestId, now)],
                "subscribe" or "unsubscribe" => Subscription(root, method, requestId, now),
                _ => [KrakenFrames.Error("Method not found", method, requestId, null, now)],
            };
        }
    }

    /// <summary>Kraken answers a message over its rate with "Exceeded msg rate" and keeps the connection.</summary>
    public override IReadOnlyList<byte[]>? RateLimitedReply(string text)
    {
        string? method = null;
        long? requestId = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    method = m.GetString();
                }

                if (document.RootElement.TryGetProperty("req_id", out var id) && id.TryGetInt64(out var value))
                {
                    requestId = value;
                }
            }
        }
        catch (JsonException)
        {
            // Refused all the same.
        }

        return [KrakenFrames.Error("Exceeded msg rate", method, requestId, null, venue.LastStepMicros)];
    }

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Kind != SimOutputKind.Frame || output.Venue != VenueId.Kraken)
        {
            return null;
        }

        if (output.Stream == HeartbeatStream && output.Symbol.Length == 0)
        {
            if (subscriptions.Count == 0 || bookSinceHeartbeat)
            {
                bookSinceHeartbeat = false;
                return null; // Kraken sends heartbeats only to subscribers, and only when nothing else was sent
            }

            return output.Bytes;
        }

        if (!subscriptions.TryGetValue(output.Symbol, out var depth))
        {
            return null;
        }

        bookSinceHeartbeat = true;
        return venue.FormatForDepth(output, depth);
    }

    private List<byte[]> Subscription(JsonElement root, string method, long? requestId, long now)
    {
        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return [KrakenFrames.Error("EGeneral:Invalid arguments:params", method, requestId, null, now)];
        }

        if (!parameters.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.String)
        {
            return [KrakenFrames.Error("EGeneral:Invalid arguments:channel", method, requestId, null, now)];
        }

        if (channel.GetString() != "book")
        {
            return [KrakenFrames.Error($"Channel {channel.GetString()} is not simulated", method, requestId, null, now)];
        }

        if (!parameters.TryGetProperty("symbol", out var symbols) || symbols.ValueKind != JsonValueKind.Array || symbols.GetArrayLength() == 0
            || symbols.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            return [KrakenFrames.Error("EGeneral:Invalid arguments:symbol", method, requestId, null, now)];
        }

        var depth = DefaultDepth;
        if (parameters.TryGetProperty("depth", out var depthElement)
            && (depthElement.ValueKind != JsonValueKind.Number || !depthElement.TryGetInt32(out depth) || !KrakenSimVenue.Depths.Contains(depth)))
        {
            return [KrakenFrames.Error("EGeneral:Invalid arguments:depth", method, requestId, null, now)];
        }

        var snapshot = true;
        if (parameters.TryGetProperty("snapshot", out var snapshotElement))
        {
            if (snapshotElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return [KrakenFrames.Error("EGeneral:Invalid arguments:snapshot", method, requestId, null, now)];
            }

            snapshot = snapshotElement.GetBoolean();
        }

        if (method == "subscribe" && venue.TryTakeFault(FaultKind.SubscribeRefused))
        {
            // The IP's message budget was used elsewhere: the whole request is refused, nothing is subscribed.
            return [KrakenFrames.Error("Exceeded msg rate", method, requestId, null, now)];
        }

        var replies = new List<byte[]>();
        foreach (var element in symbols.EnumerateArray())
        {
            var symbol = element.GetString()!;
            var index = venue.IndexOf(symbol);
            if (index < 0)
            {
                replies.Add(KrakenFrames.Error("Currency pair not supported", method, requestId, symbol, now));
            }
            else if (method == "subscribe")
            {
                if (!subscriptions.TryAdd(symbol, depth))
                {
                    replies.Add(KrakenFrames.Error("Already subscribed", method, requestId, symbol, now));
                    continue;
                }

                replies.Add(KrakenFrames.Ack(method, requestId, symbol, depth, snapshot, now));
                if (snapshot)
                {
                    replies.Add(venue.Snapshot(index, depth));
                }
            }
            else if (subscriptions.Remove(symbol, out var subscribed))
            {
                replies.Add(KrakenFrames.Ack(method, requestId, symbol, subscribed, null, now));
            }
            else
            {
                replies.Add(KrakenFrames.Error("Subscription Not Found", method, requestId, symbol, now));
            }
        }

        return replies;
    }
}
