using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One OKX <c>/ws/v5/public</c> connection: <c>{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},..]}</c> is
/// answered with one <c>{"event":"subscribe","arg":{..},"connId":..}</c> per arg and then each book's first push (see
/// <see cref="OkxSimVenue.SubscribeFrame"/>); unsubscribe likewise; the text <c>ping</c> gets <c>pong</c>; a bad request
/// gets OKX's error event <c>{"event":"error","code":..,"msg":..,"connId":..}</c> (60012 invalid request, 60013 invalid
/// args, 60018 unknown channel or instrument, 60019 invalid op, 60014 requests too frequent). Text frames, as OKX sends.
/// </summary>
public sealed class OkxSimSession : SimSession
{
    private static readonly byte[] Pong = Encoding.ASCII.GetBytes("pong");

    private readonly OkxSimVenue venue;
    private readonly HashSet<string> subscribed = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    internal OkxSimSession(OkxSimVenue venue, string connId)
    {
        this.venue = venue;
        ConnId = connId;
    }

    public override VenueId Venue => VenueId.Okx;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>The connection id OKX puts in its event replies.</summary>
    public string ConnId { get; }

    /// <summary>The subscribed instIds, in subscription order.</summary>
    public IReadOnlyList<string> Subscriptions => order;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "ping")
        {
            return [Pong];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return [InvalidRequest(text)];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement) || opElement.ValueKind != JsonValueKind.String)
            {
                return [InvalidRequest(text)];
            }

            var op = opElement.GetString()!;
            return op switch
            {
                "subscribe" or "unsubscribe" => Subscribe(op, root),
                "login" => [OkxFrames.Error("60028", "The current operation is not supported by this URL. Please use the correct WebSocket URL for the operation.", ConnId)],
                _ => [OkxFrames.Error("60019", "Invalid op: " + op, ConnId)],
            };
        }
    }

    /// <summary>Over the 480 requests per hour: OKX's 60014 error event; the connection stays open.</summary>
    public override IReadOnlyList<byte[]>? RateLimitedReply(string text) => [TooFrequent()];

    /// <summary>Only subscribe, unsubscribe and login requests count against OKX's limit; "ping" and anything else do not.</summary>
    public override bool CountsTowardMessageLimit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "ping")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("op", out var op)
                && op.ValueKind == JsonValueKind.String
                && op.GetString() is "subscribe" or "unsubscribe" or "login";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Kind == SimOutputKind.Frame && output.Venue == VenueId.Okx && subscribed.Contains(output.Symbol) ? output.Bytes : null;
    }

    private List<byte[]> Subscribe(string op, JsonElement root)
    {
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() == 0)
        {
            return [OkxFrames.Error("60013", "Invalid args", ConnId)];
        }

        var requested = new List<(string Channel, string InstId)>();
        foreach (var arg in args.EnumerateArray())
        {
            if (arg.ValueKind != JsonValueKind.Object
                || !arg.TryGetProperty("channel", out var channel) || channel.ValueKind != JsonValueKind.String
                || !arg.TryGetProperty("instId", out var instId) || instId.ValueKind != JsonValueKind.String)
            {
                return [OkxFrames.Error("60013", "Invalid args", ConnId)];
            }

            var channelName = channel.GetString()!;
            var symbol = instId.GetString()!;
            if (channelName != OkxFrames.Channel || venue.SymbolIndex(symbol) < 0)
            {
                return [OkxFrames.Error("60018", $"Wrong URL or channel:{channelName},instId:{symbol} doesn't exist. Please use the correct URL, channel and parameters referring to API document.", ConnId)];
            }

            requested.Add((channelName, symbol));
        }

        if (op == "subscribe" && venue.TryTakeFault(FaultKind.SubscribeRefused))
        {
            return [TooFrequent()];
        }

        var replies = new List<byte[]>(requested.Count * 2);
        foreach (var (channel, symbol) in requested)
        {
            replies.Add(OkxFrames.Ack(op, channel, symbol, ConnId));
        }

        foreach (var (_, symbol) in requested)
        {
            if (op == "unsubscribe")
            {
                if (subscribed.Remove(symbol))
                {
                    order.Remove(symbol);
                }

                continue;
            }

            if (subscribed.Add(symbol))
            {
                order.Add(symbol);
            }

            if (venue.SubscribeFrame(symbol) is { } first)
            {
                replies.Add(first);
            }
        }

        return replies;
    }

    private byte[] InvalidRequest(string text) => OkxFrames.Error("60012", "Invalid request: " + text, ConnId);

    private byte[] TooFrequent() => OkxFrames.Error(OkxSimVenue.TooFrequentCode, "Requests too frequent.", ConnId);
}
