using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace Arbiter.Fanout;

/// <summary>
/// Reads one /ws text frame, touching only each message's <c>type</c> and <c>time</c>: the frame is either one message
/// object or <c>{"type":"batch","messages":[m1,m2,…]}</c> (the messages in order). Nothing is allocated per frame. A
/// batch's messages are delimited by a 32-byte-wide scan of bit masks (strings and nesting respected, escapes rescanned
/// byte by byte) and each message's head is matched against the server's <c>{"type":"…","time":"…"</c>, with
/// <see cref="Utf8JsonReader"/> as the fallback for any other order: at 1,000 clients the client process shares the
/// machine with the server, and a client that tokenised every byte would be the bottleneck of the latency it measures.
/// </summary>
internal static class FrameReader
{
    /// <summary>Reports every message of <paramref name="frame"/> to <paramref name="sink"/>; returns the message count, or −1 when the frame is not such JSON.</summary>
    public static int Read<TSink>(ReadOnlySpan<byte> frame, TSink sink)
        where TSink : IMessageSink
    {
        if (frame.StartsWith(BatchPrefix))
        {
            return ReadBatch(frame, sink);
        }

        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            var kind = MessageKind.Other;
            var time = -1L;
            var isBatch = false;
            var messages = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isBatch = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("batch"u8);
                    kind = isBatch ? MessageKind.Other : KindOf(ref reader);
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    reader.Read();
                    time = TimeOf(ref reader);
                }
                else if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return -1;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        var (innerKind, innerTime) = ReadMessage(ref reader);
                        sink.OnMessage(innerKind, innerTime);
                        messages++;
                    }

                    if (reader.TokenType != JsonTokenType.EndArray)
                    {
                        return -1;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return -1;
            }

            if (!isBatch)
            {
                sink.OnMessage(kind, time);
                messages++;
            }

            return messages;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    private static ReadOnlySpan<byte> BatchPrefix => """{"type":"batch","messages":["""u8;

    /// <summary>A batch frame: each message found by <see cref="ObjectEnd"/>, its <c>type</c> and <c>time</c> read from its start.</summary>
    private static int ReadBatch<TSink>(ReadOnlySpan<byte> frame, TSink sink)
        where TSink : IMessageSink
    {
        var at = BatchPrefix.Length;
        var messages = 0;
        while (at < frame.Length && frame[at] == (byte)'{')
        {
            var end = ObjectEnd(frame, at);
            if (end < 0)
            {
                return -1;
            }

            var (kind, time) = ReadHead(frame[at..end]);
            if (kind == MessageKind.Invalid)
            {
                return -1;
            }

            sink.OnMessage(kind, time);
            messages++;
            at = end;
            if (at < frame.Length && frame[at] == (byte)',')
            {
                at++;
            }
        }

        return frame[at..].SequenceEqual("]}"u8) ? messages : -1;
    }

    /// <summary>
    /// The index just after the object that starts at <paramref name="start"/>, or −1 when it does not close. The object
    /// is scanned 32 bytes at a time: one compare each for <c>"</c>, <c>\</c>, <c>{</c> and <c>}</c> gives four bit masks,
    /// a prefix XOR of the quote mask marks the bytes inside strings, and only the braces outside strings are visited.
    /// An object holding a backslash (an escape, which the prefix XOR does not model) is rescanned by
    /// <see cref="ObjectEndScalar"/>.
    /// </summary>
    private static int ObjectEnd(ReadOnlySpan<byte> s, int start)
    {
        Span<byte> tail = stackalloc byte[Vector256<byte>.Count];
        var depth = 0;
        var inString = 0u;
        for (var block = start; block < s.Length; block += Vector256<byte>.Count)
        {
            Vector256<byte> bytes;
            if (s.Length - block >= Vector256<byte>.Count)
            {
                bytes = Vector256.Create(s.Slice(block, Vector256<byte>.Count));
            }
            else
            {
                tail.Clear();
                s[block..].CopyTo(tail);
                bytes = Vector256.Create<byte>(tail);
            }

            if (Vector256.EqualsAny(bytes, Vector256.Create((byte)'\\')))
            {
                return ObjectEndScalar(s, start);
            }

            var strings = PrefixXor(Vector256.Equals(bytes, Vector256.Create((byte)'"')).ExtractMostSignificantBits()) ^ inString;
            inString = (uint)((int)strings >> 31);
            var opens = Vector256.Equals(bytes, Vector256.Create((byte)'{')).ExtractMostSignificantBits() & ~strings;
            var braces = (opens | Vector256.Equals(bytes, Vector256.Create((byte)'}')).ExtractMostSignificantBits()) & ~strings;
            while (braces != 0)
            {
                var bit = BitOperations.TrailingZeroCount(braces);
                if ((opens & (1u << bit)) != 0)
                {
                    depth++;
                }
                else if (--depth == 0)
                {
                    return block + bit + 1;
                }

                braces &= braces - 1;
            }
        }

        return -1;
    }

    /// <summary>Bit i of the result is the parity of the set bits 0..i of <paramref name="quotes"/>: set inside a string (its opening quote included, its closing quote not).</summary>
    private static uint PrefixXor(uint quotes)
    {
        quotes ^= quotes << 1;
        quotes ^= quotes << 2;
        quotes ^= quotes << 4;
        quotes ^= quotes << 8;
        return quotes ^ (quotes << 16);
    }

    /// <summary><see cref="ObjectEnd"/> one structural byte at a time, with escapes: for objects holding a backslash.</summary>
    private static int ObjectEndScalar(ReadOnlySpan<byte> s, int start)
    {
        var depth = 0;
        var i = start;
        while (i < s.Length)
        {
            var k = s[i..].IndexOfAny((byte)'{', (byte)'}', (byte)'"');
            if (k < 0)
            {
                return -1;
            }

            i += k;
            switch (s[i])
            {
                case (byte)'"':
                    i++;
                    while (true)
                    {
                        var q = s[i..].IndexOfAny((byte)'"', (byte)'\\');
                        if (q < 0)
                        {
                            return -1;
                        }

                        i += q;
                        if (s[i] == (byte)'\\')
                        {
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    continue;
                case (byte)'{':
                    depth++;
                    break;
                default:
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    /// <summary>The <c>type</c> and <c>time</c> of one message, read until both are found (they lead every message).</summary>
    private static (MessageKind Kind, long Time) ReadHead(ReadOnlySpan<byte> message)
    {
        // The server writes every message as {"type":"…","time":"…",…}: read that without a tokenizer when it is so.
        if (message.StartsWith(TypeHead))
        {
            var type = message[TypeHead.Length..];
            var typeEnd = type.IndexOfAny((byte)'"', (byte)'\\');
            if (typeEnd >= 0 && type[typeEnd] == (byte)'"')
            {
                var rest = type[(typeEnd + 1)..];
                if (rest.StartsWith(TimeHead) && rest.Length > TimeHead.Length + IsoMicros.Length && rest[TimeHead.Length + IsoMicros.Length] == (byte)'"')
                {
                    var time = IsoMicros.TryParse(rest.Slice(TimeHead.Length, IsoMicros.Length), out var micros) ? micros : -1;
                    return (KindOf(type[..typeEnd]), time);
                }
            }
        }

        var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (MessageKind.Invalid, -1);
            }

            var kind = MessageKind.Other;
            var time = -1L;
            bool typeSeen = false, timeSeen = false;
            while (!(typeSeen && timeSeen) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    kind = KindOf(ref reader);
                    typeSeen = true;
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    reader.Read();
                    time = TimeOf(ref reader);
                    timeSeen = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return (kind, time);
        }
        catch (JsonException)
        {
            return (MessageKind.Invalid, -1);
        }
    }

    /// <summary>Reads one message object (the reader on its StartObject) up to its EndObject.</summary>
    private static (MessageKind Kind, long Time) ReadMessage(ref Utf8JsonReader reader)
    {
        var kind = MessageKind.Other;
        var time = -1L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = KindOf(ref reader);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                time = TimeOf(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A batch message is not a JSON object.");
        }

        return (kind, time);
    }

    private static ReadOnlySpan<byte> TypeHead => "{\"type\":\""u8;

    private static ReadOnlySpan<byte> TimeHead => ",\"time\":\""u8;

    /// <summary>The kind of an unescaped <c>type</c> value.</summary>
    private static MessageKind KindOf(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("books"u8) => MessageKind.Books,
        _ when type.SequenceEqual("opportunity.opened"u8) || type.SequenceEqual("opportunity.closed"u8) => MessageKind.OpportunityOpenedOrClosed,
        _ when type.SequenceEqual("opportunity.updated"u8) || type.SequenceEqual("opportunity.transferChanged"u8) => MessageKind.OpportunityOther,
        _ when type.SequenceEqual("snapshot"u8) => MessageKind.Snapshot,
        _ when type.SequenceEqual("error"u8) => MessageKind.Error,
        _ => MessageKind.Other,
    };

    private static MessageKind KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return MessageKind.Other;
        }

        return KindOf(reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
    }

    private static long TimeOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return -1;
        }

        return !reader.ValueIsEscaped && IsoMicros.TryParse(reader.ValueSpan, out var micros) ? micros : -1;
    }
}
