using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// One Binance market-data connection: raw (<c>/ws/&lt;stream&gt;</c>, payloads unwrapped) or combined
/// (<c>/stream?streams=a/b</c>, frames wrapped as {"stream":..,"data":..}), plus live SUBSCRIBE, UNSUBSCRIBE
/// and LIST_SUBSCRIPTIONS requests answered as Binance does.
/// </summary>
public sealed class BinanceSimSession : SimSession
{
    private readonly BinanceSimVenue venue;
    private readonly HashSet<string> streams = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    internal BinanceSimSession(BinanceSimVenue venue, bool combined, IEnumerable<string> initialStreams)
    {
        this.venue = venue;
        IsCombined = combined;
        foreach (var stream in initialStreams)
        {
            Add(stream);
        }
    }

    public override VenueId Venue => VenueId.Binance;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => false;

    /// <summary>True on /stream (wrapped frames), false on /ws (raw payloads).</summary>
    public bool IsCombined { get; }

    /// <summary>The subscribed stream names, in subscription order.</summary>
    public IReadOnlyList<string> Streams => order;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Receive(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return [Error(3, "Invalid JSON: " + e.Message, "null")];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return [Error(3, "Invalid JSON: expected an object", "null")];
            }

            var id = root.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : "null";
            if (idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return [Error(1, "Invalid value type: expected a number or string id", "null")];
            }

            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
            {
                return [Error(2, "Invalid request: missing field `method`", id)];
            }

            var method = methodElement.GetString();
            switch (method)
            {
                case "SUBSCRIBE":
                case "UNSUBSCRIBE":
                    if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Array)
                    {
                        return [Error(2, "Invalid request: missing field `params`", id)];
                    }

                    var names = new List<string>();
                    foreach (var p in parameters.EnumerateArray())
                    {
                        if (p.ValueKind != JsonValueKind.String)
                        {
                            return [Error(1, "Invalid value type: expected a stream name", id)];
                        }

                        var name = p.GetString()!;
                        if (venue.SymbolOfStream(name) is null)
                        {
                            return [Error(2, $"Invalid request: unknown stream '{name}'", id)];
                        }

                        names.Add(name);
                    }

                    foreach (var name in names)
                    {
                        if (method == "SUBSCRIBE")
                        {
                            Add(name);
                        }
                        else if (streams.Remove(name))
                        {
                            order.Remove(name);
                        }
                    }

                    return [Encoding.UTF8.GetBytes($"{{\"result\":null,\"id\":{id}}}")];
                case "LIST_SUBSCRIPTIONS":
                    return [Encoding.UTF8.GetBytes($"{{\"result\":[{string.Join(",", order.Select(s => "\"" + s + "\""))}],\"id\":{id}}}")];
                default:
                    return [Error(2, $"Invalid request: unknown method '{method}'", id)];
            }
        }
    }

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Kind != SimOutputKind.Frame || output.Venue != VenueId.Binance || !streams.Contains(output.Stream))
        {
            return null;
        }

        return IsCombined ? output.Bytes : output.RawBytes;
    }

    private void Add(string stream)
    {
        if (streams.Add(stream))
        {
            order.Add(stream);
        }
    }

    private static byte[] Error(int code, string message, string id) =>
        SimJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("msg", message);
            w.WriteEndObject();
            w.WritePropertyName("id");
            w.WriteRawValue(id, skipInputValidation: true);
            w.WriteEndObject();
        });
}
