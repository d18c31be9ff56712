using System.Text.Json;

namespace Arbiter.Fanout;

/// <summary>
/// Reads one /ws text frame with <see cref="Utf8JsonReader"/>, touching only each message's <c>type</c> and <c>time</c>:
/// the frame is either one message object or <c>{"type":"batch","messages":[m1,m2,…]}</c> (the messages in order).
/// Nothing is allocated per frame.
/// </summary>
internal static class FrameReader
{
    /// <summary>Reports every message of <paramref name="frame"/> to <paramref name="sink"/>; returns the message count, or −1 when the frame is not such JSON.</summary>
    public static int Read<TSink>(ReadOnlySpan<byte> frame, TSink sink)
        where TSink : IMessageSink
    {
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
