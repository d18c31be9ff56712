using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Capture;

/// <summary>Reads a JSON Lines capture back, line by line, with errors that name the line and the field.</summary>
public static class CaptureReader
{
    public static IEnumerable<CaptureRecord> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line, number, path);
        }
    }

    public static CaptureRecord Parse(string line, int number, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var ts = Required(root, "ts", number, source);
            if (!UnixMicros.TryParseIso(ts, out var time))
            {
                throw new FormatException($"{source}:{number}: 'ts' is not an ISO-8601 time: '{ts}'.");
            }

            var kind = Required(root, "kind", number, source);
            VenueId? venue = null;
            if (root.TryGetProperty("venue", out var v))
            {
                if (!VenueNames.TryParse(v.GetString(), out var id))
                {
                    throw new FormatException($"{source}:{number}: unknown venue '{v.GetString()}'.");
                }

                venue = id;
            }
            else if (kind is not (CaptureKinds.Tick or CaptureKinds.Fx or CaptureKinds.Settings))
            {
                throw new FormatException($"{source}:{number}: a '{kind}' line needs 'venue'.");
            }

            byte[] data = [];
            if (root.TryGetProperty("data", out var d))
            {
                data = Encoding.UTF8.GetBytes(d.GetString() ?? "");
            }
            else if (root.TryGetProperty("data64", out var d64))
            {
                data = d64.GetBytesFromBase64();
            }

            return new CaptureRecord(
                time,
                kind,
                venue,
                root.TryGetProperty("conn", out var c) ? c.GetString() : null,
                root.TryGetProperty("url", out var u) ? u.GetString() : null,
                data,
                root.TryGetProperty("error", out var e) ? e.GetString() : null,
                number);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}:{number}: not a JSON object: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"{source}:{number}: a field has the wrong type: {ex.Message}", ex);
        }
    }

    private static string Required(JsonElement root, string name, int number, string source) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{source}:{number}: missing string field '{name}'.");
}
