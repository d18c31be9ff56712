using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One Bybit <c>/v5/public/spot</c> connection (REFERENCE.md §3): <c>{"req_id":..,"op":"subscribe","args":[..]}</c> (at most
/// 10 topics) is answered <c>{"success":true,"ret_msg":"subscribe","conn_id":..,"req_id":..,"op":"subscribe"}</c> (the docs'
/// spot reply), then one snapshot per topic; <c>unsubscribe</c> likewise, without snapshots; <c>{"op":"ping"}</c> gets the
/// spot pong <c>{"success":true,"ret_msg":"pong","conn_id":..,"op":"ping"}</c>. A bad request gets
/// <c>{"success":false,"ret_msg":..,..}</c> and changes nothing.
/// </summary>
/// <remarks>
/// Failure texts: "args size &gt;10" and "error:handler not found,topic:…" as seen from Bybit in the wild,
/// "error:already subscribed,topic:…" for a topic this connection already has, and, for an injected SubscribeRefused or a
/// request over the message limit, "Too many visits!" — Bybit documents no WebSocket rate-limit reply, so the simulator
/// borrows the text of its documented REST rate-limit error (retCode 10006).
/// </remarks>
public sealed class BybitSimSession : SimSession
{
    /// <summary>The refusal text of SubscribeRefused and of requests over the message limit.</summary>
    public const string RateLimitText = "Too many visits!";

    /// <summary>Bybit spot's cap on topics per subscribe request.</summary>
    public const int MaxArgsPerRequest = 10;

    private readonly BybitSimVenue venue;
    private readonly HashSet<string> topics = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    internal BybitSimSession(BybitSimVenue venue, string connectionId)
    {
        this.venue = venue;
        ConnectionId = connectionId;
    }

    public override VenueId Venue => VenueId.Bybit;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>The <c>conn_id</c> of this connection's replies.</summary>
    public string ConnectionId { get; }

    /// <summary>The subscribed topics, in subscription order.</summary>
    public IReadOnlyList<string> Topics => order;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return [Fail("Failed to decode incoming data:" + e.Message, "", "")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [Fail("Failed to decode incoming data:expected an object", "", "")];
            }

            var reqId = RequestId(root);
            var op = root.TryGetProperty("op", out var opElement) && opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : "";
            switch (op)
            {
                case "ping":
                    return [BybitFrames.Reply(true, "pong", ConnectionId, reqId, "ping")];
                case "subscribe":
                case "unsubscribe":
                    return Request(root, op, reqId ?? "");
                default:
                    return [Fail($"error:unsupported op '{op}'", reqId ?? "", op)];
            }
        }
    }

    /// <summary>A request over the message limit gets a failure reply naming its req_id and op, and is not carried out.</summary>
    public override IReadOnlyList<byte[]>? RateLimitedReply(string text)
    {
        string reqId = "";
        string op = "";
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                reqId = RequestId(document.RootElement) ?? "";
                op = document.RootElement.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
            }
        }
        catch (JsonException)
        {
            // Refused all the same.
        }

        return [Fail(RateLimitText, reqId, op)];
    }

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Kind == SimOutputKind.Frame && output.Venue == VenueId.Bybit && topics.Contains(output.Stream) ? output.Bytes : null;
    }

    /// <summary>The request's req_id as Bybit echoes it (a string; a number's text), or null when it has none.</summary>
    private static string? RequestId(JsonElement root) =>
        !root.TryGetProperty("req_id", out var id) ? null
        : id.ValueKind == JsonValueKind.String ? id.GetString()
        : id.ValueKind == JsonValueKind.Number ? id.GetRawText()
        : "";

    private List<byte[]> Request(JsonElement root, string op, string reqId)
    {
        if (!root.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array || args.GetArrayLength() == 0)
        {
            return [Fail("error:args is empty", reqId, op)];
        }

        if (args.GetArrayLength() > MaxArgsPerRequest)
        {
            return [Fail("args size >10", reqId, op)];
        }

        var requested = new List<string>();
        foreach (var arg in args.EnumerateArray())
        {
            var topic = arg.ValueKind == JsonValueKind.String ? arg.GetString()! : arg.GetRawText();
            if (arg.ValueKind != JsonValueKind.String || venue.IndexOfTopic(topic) < 0)
            {
                return [Fail("error:handler not found,topic:" + topic, reqId, op)];
            }

            if (op == "subscribe" && (topics.Contains(topic) || requested.Contains(topic)))
            {
                return [Fail("error:already subscribed,topic:" + topic, reqId, op)];
            }

            requested.Add(topic);
        }

        if (op == "unsubscribe")
        {
            foreach (var topic in requested)
            {
                if (topics.Remove(topic))
                {
                    order.Remove(topic);
                }
            }

            return [BybitFrames.Reply(true, "unsubscribe", ConnectionId, reqId, op)];
        }

        if (venue.TryTakeSubscribeRefusal())
        {
            return [Fail(RateLimitText, reqId, op)];
        }

        var replies = new List<byte[]>(requested.Count + 1) { BybitFrames.Reply(true, "subscribe", ConnectionId, reqId, op) };
        foreach (var topic in requested)
        {
            topics.Add(topic);
            order.Add(topic);
            replies.Add(venue.SubscribeSnapshot(venue.IndexOfTopic(topic)));
        }

        return replies;
    }

    private byte[] Fail(string message, string reqId, string op) => BybitFrames.Reply(false, message, ConnectionId, reqId, op);
}
