using System.Text.Json;

namespace Arbiter.Simulator;

/// <summary>
/// One Bithumb <c>/websocket/v1</c> connection, as the captures of the real socket show it (REFERENCE.md §6):
/// <list type="bullet">
/// <item>a request <c>[{"ticket":".."},{"type":"orderbook","codes":["KRW-BTC",..]},{"format":"DEFAULT"}]</c> replaces the whole
/// subscription (there is no acknowledgement) and is answered with one SNAPSHOT per listed code (none with
/// <c>"isOnlyRealtime":true</c>; only that SNAPSHOT with <c>"isOnlySnapshot":true</c>), then REALTIME books; an unknown or
/// wrongly spelled code ("KRW-NOPE", "krw-btc") is ignored without an error;</item>
/// <item>the text <c>PING</c> gets <c>{"status":"UP"}</c> (once, at once; the real server repeats it every 10 s);</item>
/// <item>a bad request gets <c>{"error":{"name":..,"message":..}}</c> and the server then closes the socket (1000):
/// not JSON, not an array or an element not an object, no <c>type</c> → WRONG_FORMAT; no ticket → NO_TICKET; no
/// <c>codes</c> → NO_CODES; empty <c>codes</c> or a type other than orderbook → INVALID_PARAM; a <c>level</c> other than
/// 1 (price grouping is not simulated) → WRONG_FORMAT, as the real server answers an invalid level; format "SIMPLE" (not
/// simulated) → INVALID_PARAM with the documented "not a supported format" message; any other format is ignored, as on
/// the wire;</item>
/// <item>a refused request (a SubscribeRefused fault, or a message over the per-connection limit) gets
/// <c>{"error":{"name":"TOO_MANY_REQUESTS",..}}</c> and the close: Bithumb documents no WebSocket rate-limit error, so
/// this is the family's error shape with an upper-case name like its documented ones.</item>
/// </list>
/// Replies and books go out as binary frames of UTF-8 JSON.
/// </summary>
public sealed class BithumbSimSession : SnapshotSimSession
{
    /// <summary>The error name of a refused request (see the remarks on the class).</summary>
    public const string TooManyRequests = "TOO_MANY_REQUESTS";

    private const string WrongFormatMessage = "Format 이 맞지 않습니다.";

    private readonly BithumbSimVenue venue;

    internal BithumbSimSession(BithumbSimVenue venue)
        : base(venue) => this.venue = venue;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CloseRequested)
        {
            return []; // closing: nothing more is read
        }

        if (text == "PING")
        {
            return [StatusUp];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return Fail("WRONG_FORMAT", WrongFormatMessage);
        }

        using (document)
        {
            var error = Parse(document.RootElement, out var requested, out var onlyRealtime);
            if (error is not null)
            {
                return error;
            }

            if (venue.TakeSubscribeRefusal())
            {
                return Refuse();
            }

            return Replace(requested, onlyRealtime);
        }
    }

    /// <summary>Over the message limit: refused with an error, then the connection is closed.</summary>
    public override IReadOnlyList<byte[]>? RateLimitedReply(string text) => CloseRequested ? [] : Refuse();

    private IReadOnlyList<byte[]> Refuse() => Fail(TooManyRequests, "요청 수 제한을 초과했습니다.");

    /// <summary>An error reply; the server closes the connection after it.</summary>
    private IReadOnlyList<byte[]> Fail(string name, string message)
    {
        Clear();
        CloseRequested = true;
        return [OrderbookUnitsFrames.Error(name, message)];
    }

    private IReadOnlyList<byte[]>? Parse(JsonElement root, out Dictionary<string, (int Depth, bool OnlySnapshot)> requested, out HashSet<string> onlyRealtime)
    {
        requested = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
        onlyRealtime = new HashSet<string>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Fail("WRONG_FORMAT", WrongFormatMessage);
        }

        var hasTicket = false;
        var hasType = false;
        foreach (var field in root.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object)
            {
                return Fail("WRONG_FORMAT", WrongFormatMessage);
            }

            if (field.TryGetProperty("ticket", out var ticket))
            {
                if (ticket.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(ticket.GetString()))
                {
                    return Fail("NO_TICKET", "티켓이 존재하지 않거나, 유효하지 않습니다.");
                }

                hasTicket = true;
            }
            else if (field.TryGetProperty("type", out var type))
            {
                hasType = true;
                var typeError = ParseType(field, type, requested, onlyRealtime);
                if (typeError is not null)
                {
                    return typeError;
                }
            }
            else if (field.TryGetProperty("format", out var format))
            {
                if (format.ValueKind == JsonValueKind.String && format.GetString() == "SIMPLE")
                {
                    return Fail("INVALID_PARAM", "SIMPLE은 지원하지 않는 포맷입니다.");
                }
            }
            else
            {
                return Fail("WRONG_FORMAT", WrongFormatMessage);
            }
        }

        if (!hasTicket)
        {
            return Fail("NO_TICKET", "티켓이 존재하지 않거나, 유효하지 않습니다.");
        }

        return hasType ? null : Fail("WRONG_FORMAT", WrongFormatMessage);
    }

    private IReadOnlyList<byte[]>? ParseType(JsonElement field, JsonElement type, Dictionary<string, (int Depth, bool OnlySnapshot)> requested, HashSet<string> onlyRealtime)
    {
        if (type.ValueKind != JsonValueKind.String)
        {
            return Fail("WRONG_FORMAT", WrongFormatMessage);
        }

        if (type.GetString() != "orderbook")
        {
            return Fail("INVALID_PARAM", $"{type.GetString()} 은 지원하지 않는 타입입니다."); // ticker and trade exist but are not simulated
        }

        if (!field.TryGetProperty("codes", out var codes))
        {
            return Fail("NO_CODES", "codes 필드가 존재하지 않습니다.");
        }

        if (codes.ValueKind != JsonValueKind.Array)
        {
            return Fail("WRONG_FORMAT", WrongFormatMessage);
        }

        if (codes.GetArrayLength() == 0)
        {
            return Fail("INVALID_PARAM", "codes 필드가 비어 있습니다.");
        }

        if (field.TryGetProperty("level", out var level) && !(level.ValueKind == JsonValueKind.Number && level.TryGetDecimal(out var l) && l == 1))
        {
            return Fail("WRONG_FORMAT", WrongFormatMessage);
        }

        // Bithumb reads the camel-case options; the snake-case spelling of its request page is ignored on the wire.
        var snapshotOnly = Flag(field, "isOnlySnapshot");
        var realtimeOnly = Flag(field, "isOnlyRealtime");
        if (snapshotOnly is null || realtimeOnly is null)
        {
            return Fail("WRONG_FORMAT", WrongFormatMessage);
        }

        foreach (var item in codes.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Fail("WRONG_FORMAT", WrongFormatMessage);
            }

            if (!venue.TryParseCode(item.GetString()!, out var code, out var depth))
            {
                continue; // unknown codes get nothing, and no error
            }

            requested[code] = (depth, snapshotOnly.Value);
            if (realtimeOnly.Value)
            {
                onlyRealtime.Add(code);
            }
        }

        return null;
    }

    private static bool? Flag(JsonElement field, string name)
    {
        if (!field.TryGetProperty(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
