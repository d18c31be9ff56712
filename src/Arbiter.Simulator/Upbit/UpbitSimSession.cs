using System.Text.Json;

namespace Arbiter.Simulator;

/// <summary>
/// One Upbit /websocket/v1 connection: a request
/// <c>[{"ticket":".."},{"type":"orderbook","codes":["KRW-BTC.15"]},{"format":"DEFAULT"}]</c> replaces the
/// subscription and is answered with one SNAPSHOT per code, then REALTIME messages; the text <c>PING</c> gets
/// <c>{"status":"UP"}</c>; a bad request gets <c>{"error":{"name":..,"message":..}}</c>. Everything goes out
/// as binary frames of UTF-8 JSON, as Upbit sends them.
/// </summary>
public sealed class UpbitSimSession : SnapshotSimSession
{
    private readonly UpbitSimVenue venue;

    internal UpbitSimSession(UpbitSimVenue venue)
        : base(venue) => this.venue = venue;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
            return [OrderbookUnitsFrames.Error("WRONG_FORMAT", "The request is not valid JSON.")];
        }

        using (document)
        {
            var error = Parse(document.RootElement, out var requested, out var onlyRealtime);
            if (error is not null)
            {
                return [error];
            }

            return Replace(requested, onlyRealtime);
        }
    }

    private byte[]? Parse(JsonElement root, out Dictionary<string, (int Depth, bool OnlySnapshot)> requested, out HashSet<string> onlyRealtime)
    {
        requested = new Dictionary<string, (int, bool)>(StringComparer.Ordinal);
        onlyRealtime = new HashSet<string>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Array)
        {
            return OrderbookUnitsFrames.Error("WRONG_FORMAT", "The request must be a JSON array.");
        }

        var hasTicket = false;
        var hasType = false;
        foreach (var field in root.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object)
            {
                return OrderbookUnitsFrames.Error("WRONG_FORMAT", "Every request field must be an object.");
            }

            if (field.TryGetProperty("ticket", out var ticket))
            {
                if (ticket.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(ticket.GetString()))
                {
                    return OrderbookUnitsFrames.Error("INVALID_PARAM", "ticket must be a non-empty string.");
                }

                hasTicket = true;
            }
            else if (field.TryGetProperty("type", out var type))
            {
                hasType = true;
                if (type.ValueKind != JsonValueKind.String || type.GetString() != "orderbook")
                {
                    return OrderbookUnitsFrames.Error("INVALID_PARAM", $"type {type.GetRawText()} is not simulated; only orderbook is.");
                }

                var typeError = ParseOrderbookType(field, requested, onlyRealtime);
                if (typeError is not null)
                {
                    return typeError;
                }
            }
            else if (field.TryGetProperty("format", out var format))
            {
                if (format.ValueKind != JsonValueKind.String || format.GetString() != "DEFAULT")
                {
                    return OrderbookUnitsFrames.Error("INVALID_PARAM", $"format {format.GetRawText()} is not simulated; only DEFAULT is.");
                }
            }
            else
            {
                return OrderbookUnitsFrames.Error("INVALID_PARAM", "Unknown request field " + field.GetRawText());
            }
        }

        if (!hasTicket)
        {
            return OrderbookUnitsFrames.Error("NO_TICKET", "The request has no ticket.");
        }

        return hasType ? null : OrderbookUnitsFrames.Error("NO_TYPE", "The request has no type.");
    }

    private byte[]? ParseOrderbookType(JsonElement field, Dictionary<string, (int Depth, bool OnlySnapshot)> requested, HashSet<string> onlyRealtime)
    {
        if (!field.TryGetProperty("codes", out var codes) || codes.ValueKind != JsonValueKind.Array || codes.GetArrayLength() == 0)
        {
            return OrderbookUnitsFrames.Error("NO_CODES", "The orderbook type has no codes.");
        }

        if (field.TryGetProperty("level", out var level) && !IsZero(level))
        {
            return OrderbookUnitsFrames.Error("INVALID_PARAM", "Only level 0 is simulated.");
        }

        var snapshotOnly = Flag(field, "is_only_snapshot");
        var realtimeOnly = Flag(field, "is_only_realtime");
        if (snapshotOnly is null || realtimeOnly is null)
        {
            return OrderbookUnitsFrames.Error("INVALID_PARAM", "is_only_snapshot and is_only_realtime must be booleans.");
        }

        foreach (var item in codes.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !venue.TryParseCode(item.GetString()!, out var code, out var depth))
            {
                return OrderbookUnitsFrames.Error("INVALID_PARAM", $"Invalid code {item.GetRawText()}.");
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

    private static bool IsZero(JsonElement level) => level.ValueKind switch
    {
        JsonValueKind.Number => level.TryGetDecimal(out var d) && d == 0,
        JsonValueKind.String => decimal.TryParse(level.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d == 0,
        _ => false,
    };
}
