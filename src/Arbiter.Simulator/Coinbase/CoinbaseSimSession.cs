using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One Coinbase Advanced Trade market-data connection: <c>{"type":"subscribe"|"unsubscribe","product_ids":[..],"channel":..}</c>
/// with one channel per message (<c>level2</c> or <c>heartbeats</c>), answered by a <c>snapshot</c> message per product
/// (level2) and a <c>subscriptions</c> message listing what is subscribed; errors as <c>{"type":"error","message":..}</c>.
/// A connection that has not sent a subscribe 5 s after connecting is closed.
/// </summary>
/// <remarks>
/// <c>sequence_num</c> counts per connection from 0 over every message this connection is sent (snapshots, updates,
/// heartbeats, subscription answers; not errors). The venue numbers each product's messages (1, 2, …: the outputs'
/// FirstSequence); a message of a subscribed product whose number skips some (a SequenceGap, or messages a stall held
/// back) first uses up one <c>sequence_num</c> for each skipped message, so the client sees the gap. The newest skipped
/// message keeps its number: if it arrives late (a Reorder), it is sent with it. A Duplicate is the previous message
/// again, byte for byte. Messages no newer than the snapshot this connection was sent are not sent.
/// </remarks>
public sealed class CoinbaseSimSession : SimSession
{
    private readonly CoinbaseSimVenue venue;
    private readonly long openedMicros;
    private readonly Dictionary<string, ProductState> level2 = new(StringComparer.Ordinal);
    private readonly List<string> level2Order = [];
    private readonly List<string> channelOrder = [];
    private bool heartbeats;
    private bool subscribeSeen;
    private long nextSequence;
    private long heartbeatCounter;

    internal CoinbaseSimSession(CoinbaseSimVenue venue, long openedMicros)
    {
        this.venue = venue;
        this.openedMicros = openedMicros;
    }

    public override VenueId Venue => VenueId.Coinbase;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>Products subscribed on level2, in subscription order.</summary>
    public IReadOnlyList<string> Level2Products => level2Order;

    /// <summary>True while the heartbeats channel is subscribed.</summary>
    public bool Heartbeats => heartbeats;

    /// <summary>The <c>sequence_num</c> the next message of this connection carries.</summary>
    public long NextSequenceNum => nextSequence;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return [CoinbaseFrames.Error("failure to parse message")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                return [CoinbaseFrames.Error("message type is required")];
            }

            var type = typeElement.GetString();
            if (type is not ("subscribe" or "unsubscribe"))
            {
                return [CoinbaseFrames.Error($"unknown message type {type}")];
            }

            var subscribe = type == "subscribe";
            subscribeSeen |= subscribe;
            if (!root.TryGetProperty("channel", out var channelElement) || channelElement.ValueKind != JsonValueKind.String)
            {
                // One channel per message, named by "channel" (the older "channels" array is not accepted).
                return [CoinbaseFrames.Error("channel is required: one channel per message")];
            }

            var channel = channelElement.GetString()!;
            if (channel is not ("level2" or "heartbeats"))
            {
                return [CoinbaseFrames.Error($"channel {channel} is not simulated; level2 and heartbeats are")];
            }

            var ids = new List<int>();
            if (root.TryGetProperty("product_ids", out var idsElement))
            {
                if (idsElement.ValueKind != JsonValueKind.Array)
                {
                    return [CoinbaseFrames.Error("product_ids must be an array")];
                }

                foreach (var item in idsElement.EnumerateArray())
                {
                    var index = item.ValueKind == JsonValueKind.String ? venue.SymbolIndex(item.GetString()!) : -1;
                    if (index < 0)
                    {
                        return [CoinbaseFrames.Error($"invalid product_id {item.GetRawText()}")];
                    }

                    if (!ids.Contains(index))
                    {
                        ids.Add(index);
                    }
                }
            }

            if (channel == "level2" && ids.Count == 0)
            {
                return [CoinbaseFrames.Error("level2 requires product_ids")];
            }

            if (subscribe && venue.TryTakeFault(FaultKind.SubscribeRefused))
            {
                return [CoinbaseFrames.Error(CoinbaseSimVenue.SubscribeFailure)];
            }

            var replies = new List<byte[]>();
            if (channel == "heartbeats")
            {
                heartbeats = subscribe;
            }
            else if (subscribe)
            {
                foreach (var index in ids)
                {
                    var (snapshot, number) = venue.Snapshot(index);
                    var product = venue.Symbols[index];
                    if (!level2.ContainsKey(product))
                    {
                        level2Order.Add(product);
                    }

                    level2[product] = new ProductState(number);
                    replies.Add(Numbered(snapshot));
                }
            }
            else
            {
                foreach (var index in ids)
                {
                    var product = venue.Symbols[index];
                    if (level2.Remove(product))
                    {
                        level2Order.Remove(product);
                    }
                }
            }

            UpdateChannelOrder(channel);
            replies.Add(Numbered(CoinbaseFrames.Subscriptions(venue.LastStepMicros, Subscribed())));
            return replies;
        }
    }

    /// <summary>Coinbase's answer over the message limit (the text is not documented).</summary>
    public override IReadOnlyList<byte[]>? RateLimitedReply(string text) => [CoinbaseFrames.Error("rate limit exceeded")];

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Kind != SimOutputKind.Frame || output.Venue != VenueId.Coinbase || CloseRequested)
        {
            return null;
        }

        if (!subscribeSeen && venue.LastStepMicros - openedMicros >= CoinbaseSimVenue.SubscribeDeadline.Ticks / 10)
        {
            CloseRequested = true; // no subscribe within 5 s: Coinbase closes the connection
            return null;
        }

        if (output.Symbol.Length == 0)
        {
            return output.Stream == CoinbaseSimVenue.HeartbeatsStream && heartbeats
                ? CoinbaseFrames.WithNumbers(output.Bytes, nextSequence++, ++heartbeatCounter)
                : null;
        }

        if (!level2.TryGetValue(output.Stream, out var state) || output.FirstSequence <= state.Baseline)
        {
            return null; // not subscribed here, or no newer than the snapshot this connection got
        }

        var number = output.FirstSequence;
        if (output.Fault == FaultKind.MalformedFrame && output.Malformation is not null)
        {
            return Numbered(output.Bytes); // garbage: a message of its own, the real one follows
        }

        if (output.Fault == FaultKind.Duplicate && number == state.Last && state.LastBytes is { } again)
        {
            return again;
        }

        if (number == state.ReservedMessage)
        {
            state.ReservedMessage = -1;
            return CoinbaseFrames.WithNumbers(output.Bytes, state.ReservedSequence); // late, with the number it was due
        }

        if (number <= state.Last)
        {
            return Numbered(output.Bytes); // an older message not seen before (not produced by the venue's faults)
        }

        if (number > state.Last + 1)
        {
            // Messages Last+1 .. number-1 were not sent to this connection: their numbers are used up.
            nextSequence += number - state.Last - 1;
            state.ReservedMessage = number - 1;
            state.ReservedSequence = nextSequence - 1;
        }

        state.Last = number;
        state.LastBytes = Numbered(output.Bytes);
        return state.LastBytes;
    }

    private byte[] Numbered(byte[] message) => CoinbaseFrames.WithNumbers(message, nextSequence++);

    private void UpdateChannelOrder(string channel)
    {
        var active = channel == "heartbeats" ? heartbeats : level2.Count > 0;
        if (active && !channelOrder.Contains(channel))
        {
            channelOrder.Add(channel);
        }
        else if (!active)
        {
            channelOrder.Remove(channel);
        }
    }

    private IEnumerable<(string Channel, IEnumerable<string> Ids)> Subscribed()
    {
        foreach (var channel in channelOrder)
        {
            yield return channel == "heartbeats" ? (channel, ["heartbeats"]) : (channel, level2Order);
        }
    }

    /// <summary>What this connection has been sent of one product.</summary>
    private sealed class ProductState(long baseline)
    {
        /// <summary>The venue's message number of the snapshot this connection got; older messages are not sent.</summary>
        public long Baseline { get; } = baseline;

        /// <summary>The newest message number sent (or skipped over).</summary>
        public long Last { get; set; } = baseline;

        /// <summary>The bytes of message <see cref="Last"/> as sent, for a duplicate.</summary>
        public byte[]? LastBytes { get; set; }

        /// <summary>The newest skipped message, whose number is kept for it (-1: none).</summary>
        public long ReservedMessage { get; set; } = -1;

        public long ReservedSequence { get; set; }
    }
}
