using System.Text.Json;

namespace Arbiter.Fanout;

/// <summary>
/// Reads one /ws text frame with <see cref="Utf8JsonReader"/>, touching only each message's <c>type</c> and <c>time</c>:
/// the frame is either one message object or <c>{"type":"batch","messages":[m1,m2,…]}</c> (the messages in order).
/// Nothing is allocated per frame. A batch's messages are delimited by a vectorised scan (strings and nesting
/// respected) and only each message's leading <c>type</c> and <c>time</c> are tokenised: at 1,000 clients the client
/// process shares the machine with the server, and tokenising every byte of every message would make it the bottleneck
/// of the latency being measured.
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

    /// <summary>The index just after the object that starts at <paramref name="start"/>, or −1 when it does not close.</summary>
    private static int ObjectEnd(ReadOnlySpan<byte> s, int start)
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

    private static MessageKind KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return MessageKind.Other;
        }

        if (reader.ValueTextEquals("books"u8))
        {
            return MessageKind.Books;
        }

        if (reader.ValueTextEquals("opportunity.opened"u8) || reader.ValueTextEquals("opportunity.closed"u8))
        {
            return MessageKind.OpportunityOpenedOrClosed;
        }

        if (reader.ValueTextEquals("opportunity.updated"u8) || reader.ValueTextEquals("opportunity.transferChanged"u8))
        {
            return MessageKind.OpportunityOther;
        }

        if (reader.ValueTextEquals("snapshot"u8))
        {
            return MessageKind.Snapshot;
        }

        return reader.ValueTextEquals("error"u8) ? MessageKind.Error : MessageKind.Other;
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
