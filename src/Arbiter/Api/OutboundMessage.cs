using System.Buffers;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Api;

/// <summary>
/// One server → client WebSocket message, serialised once to UTF-8 JSON by the hub and shared by every client's queue
/// (clients only copy these bytes into their frame). Immutable. Carries what the queue and the subscription filter
/// need: the conflation key, whether it replaces a pending message with that key, and its asset and venue tags.
/// </summary>
public sealed class OutboundMessage
{
    private const int MaxScratchKept = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    private OutboundMessage(byte[] payload, ConflationKey key, bool replaces, Asset asset, int venueMask)
    {
        Payload = payload;
        Key = key;
        Replaces = replaces;
        Asset = asset;
        VenueMask = venueMask;
    }

    /// <summary>The message's UTF-8 JSON object.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The state this message carries; <see cref="ConflationKey.None"/> when it is an event that is never conflated.</summary>
    public ConflationKey Key { get; }

    /// <summary>
    /// True: replaces a pending message with the same <see cref="Key"/> (books, premiums, fx, quality, venue, stats,
    /// opportunity.updated). False with a key: a barrier that keeps later messages with that key from replacing
    /// anything queued before it (opportunity.opened, transferChanged, closed).
    /// </summary>
    public bool Replaces { get; }

    /// <summary>The asset the message is about, or <see cref="Asset.None"/> when it is not about one asset.</summary>
    public Asset Asset { get; }

    /// <summary>Bit <c>1 &lt;&lt; (int)venue</c> for each venue the message is about; 0 when it is not about particular venues.</summary>
    public int VenueMask { get; }

    /// <summary>The message's place in the <see cref="BroadcastLog"/> (0: not broadcast, e.g. a snapshot or an error reply).</summary>
    public long Sequence { get; internal set; }

    /// <summary>The sequence of the newer message with the same key that supersedes this one; 0 while none does.</summary>
    public long SupersededBy => Volatile.Read(ref supersededBy);

    private long supersededBy;

    internal void MarkSuperseded(long by) => Volatile.Write(ref supersededBy, by);

    /// <summary>Serialises <paramref name="body"/> (one JSON object) once into a new message.</summary>
    public static OutboundMessage Create(Action<Utf8JsonWriter> body, ConflationKey key = default, bool replaces = false, Asset asset = default, int venueMask = 0) =>
        Serialise(null, null, body, key, replaces, asset, venueMask);

    /// <summary>
    /// Serialises a typed broadcast once into a new message: <c>{"type":…,"time":…</c>, then what <paramref name="fields"/>
    /// writes, then the closing brace — the envelope every /ws message type shares.
    /// </summary>
    public static OutboundMessage Typed(string type, string time, Action<Utf8JsonWriter> fields, ConflationKey key = default, bool replaces = false, Asset asset = default, int venueMask = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(time);
        return Serialise(type, time, fields, key, replaces, asset, venueMask);
    }

    /// <summary>One message from <paramref name="write"/>: the whole object, or (with a <paramref name="type"/>) the fields inside the envelope.</summary>
    private static OutboundMessage Serialise(string? type, string? time, Action<Utf8JsonWriter> write, ConflationKey key, bool replaces, Asset asset, int venueMask)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (replaces && key.IsNone)
        {
            throw new ArgumentException("A message that replaces pending ones needs a conflation key.", nameof(replaces));
        }

        var buffer = scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer))
        {
            if (type is null)
            {
                write(w);
            }
            else
            {
                w.WriteStartObject();
                w.WriteString("type", type);
                w.WriteString("time", time);
                write(w);
                w.WriteEndObject();
            }
        }

        var message = new OutboundMessage(buffer.WrittenSpan.ToArray(), key, replaces, asset, venueMask);
        if (buffer.Capacity > MaxScratchKept)
        {
            scratch = null; // a rare huge snapshot should not pin its buffer on this thread
        }

        return message;
    }

    /// <summary>A message around already serialised UTF-8 JSON (tests, and per-client replies).</summary>
    public static OutboundMessage FromUtf8(byte[] payload, ConflationKey key = default, bool replaces = false, Asset asset = default, int venueMask = 0)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (replaces && key.IsNone)
        {
            throw new ArgumentException("A message that replaces pending ones needs a conflation key.", nameof(replaces));
        }

        return new OutboundMessage(payload, key, replaces, asset, venueMask);
    }

    /// <summary>The mask bit of one venue.</summary>
    public static int VenueBit(VenueId venue) => 1 << (int)venue;
}
