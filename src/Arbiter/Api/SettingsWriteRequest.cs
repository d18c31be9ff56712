using System.Text.Json;

namespace Arbiter.Api;

/// <summary>
/// Reads the body of <c>PUT /api/settings</c> — a partial settings document, every part optional — into assignments
/// (configuration key → text) for <see cref="SettingsWriter"/>. Checks only the document's shape: an unknown member, a member
/// that cannot change at runtime or a value of the wrong JSON kind is an error naming it; values are parsed by the writer.
/// </summary>
/// <remarks>Decimals are accepted as JSON strings or numbers (their digits taken as written, never through a double), durations as "hh:mm:ss".</remarks>
public static class SettingsWriteRequest
{
    /// <summary>Largest accepted body.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly HashSet<string> ReadOnlyTopLevel = new(StringComparer.Ordinal) { "fxSource", "schedules", "api", "credentials", "overrides" };

    private static readonly HashSet<string> ReadOnlyEngine = new(StringComparer.Ordinal) { "maxBookAge", "fx", "quality" };

    private static readonly HashSet<string> ReadOnlyAlerts = new(StringComparer.Ordinal) { "telegram", "sendQueueCapacity", "inputQueueCapacity" };

    private static readonly HashSet<string> ReadOnlyWebhook = new(StringComparer.Ordinal) { "url", "format", "queueCapacity", "timeout" };

    /// <summary>The assignments of <paramref name="utf8"/>, or every problem found (then the assignments are not to be used).</summary>
    public static (List<KeyValuePair<string, string>> Assignments, List<string> Errors) Parse(ReadOnlySpan<byte> utf8)
    {
        var assignments = new List<KeyValuePair<string, string>>();
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            errors.Add($"the body is not valid JSON: {ex.Message}");
            return (assignments, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"the body must be a JSON object (got {Kind(root)}).");
                return (assignments, errors);
            }

            foreach (var member in root.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "engine":
                        Engine(member.Value, assignments, errors);
                        break;
                    case "enabledVenues":
                        List("enabledVenues", "EnabledVenues", member.Value, assignments, errors);
                        break;
                    case "alerts":
                        Alerts(member.Value, assignments, errors);
                        break;
                    default:
                        Refuse(member.Name, ReadOnlyTopLevel.Contains(member.Name), errors);
                        break;
                }
            }
        }

        return (assignments, errors);
    }

    private static void Engine(JsonElement engine, List<KeyValuePair<string, string>> assignments, List<string> errors)
    {
        if (!IsObject("engine", engine, errors))
        {
            return;
        }

        foreach (var member in engine.EnumerateObject())
        {
            var path = "engine." + member.Name;
            switch (member.Name)
            {
                case "minNetProfitUsd":
                    Number(path, "Engine:MinNetProfitUsd", member.Value, assignments, errors);
                    break;
                case "minNetPremiumBps":
                    Number(path, "Engine:MinNetPremiumBps", member.Value, assignments, errors);
                    break;
                case "updateThreshold":
                    Number(path, "Engine:UpdateThreshold", member.Value, assignments, errors);
                    break;
                case "takerFees":
                    if (IsObject(path, member.Value, errors))
                    {
                        foreach (var fee in member.Value.EnumerateObject())
                        {
                            if (!Core.VenueNames.TryParse(fee.Name, out var venue))
                            {
                                errors.Add($"unknown setting '{path}.{fee.Name}': not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).");
                                continue;
                            }

                            Number($"{path}.{fee.Name}", "Engine:TakerFees:" + Core.VenueNames.Name(venue), fee.Value, assignments, errors);
                        }
                    }

                    break;
                default:
                    Refuse(path, ReadOnlyEngine.Contains(member.Name), errors);
                    break;
            }
        }
    }

    private static void Alerts(JsonElement alerts, List<KeyValuePair<string, string>> assignments, List<string> errors)
    {
        if (!IsObject("alerts", alerts, errors))
        {
            return;
        }

        foreach (var member in alerts.EnumerateObject())
        {
            var path = "alerts." + member.Name;
            switch (member.Name)
            {
                case "dedup":
                    Members(path, member.Value, errors, (name, value) => name switch
                    {
                        "growthFactor" => Number(path + ".growthFactor", "Alerts:Dedup:GrowthFactor", value, assignments, errors),
                        "cooldown" => Duration(path + ".cooldown", "Alerts:Dedup:Cooldown", value, assignments, errors),
                        _ => false,
                    });
                    break;
                case "status":
                    Members(path, member.Value, errors, (name, value) => name switch
                    {
                        "venueDownAfter" => Duration(path + ".venueDownAfter", "Alerts:Status:VenueDownAfter", value, assignments, errors),
                        "watchedAssets" => List(path + ".watchedAssets", "Alerts:Status:WatchedAssets", value, assignments, errors),
                        _ => false,
                    });
                    break;
                case "webhooks":
                    Webhooks(path, member.Value, assignments, errors);
                    break;
                default:
                    Refuse(path, ReadOnlyAlerts.Contains(member.Name), errors);
                    break;
            }
        }
    }

    private static void Webhooks(string path, JsonElement webhooks, List<KeyValuePair<string, string>> assignments, List<string> errors)
    {
        if (webhooks.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path} must be an array of {{\"index\": n, \"minNetProfitUsd\": \"5\"}} (got {Kind(webhooks)}).");
            return;
        }

        var position = 0;
        foreach (var hook in webhooks.EnumerateArray())
        {
            var at = $"{path}[{position++}]";
            if (!IsObject(at, hook, errors))
            {
                continue;
            }

            if (!hook.TryGetProperty("index", out var indexElement) || indexElement.ValueKind != JsonValueKind.Number || !indexElement.TryGetInt32(out var index) || index < 0)
            {
                errors.Add($"{at}.index is required: the webhook's index (from 0) in Alerts:Webhooks.");
                continue;
            }

            foreach (var member in hook.EnumerateObject())
            {
                switch (member.Name)
                {
                    case "index":
                        break;
                    case "minNetProfitUsd":
                        Number($"{at}.minNetProfitUsd", $"Alerts:Webhooks:{index}:MinNetProfitUsd", member.Value, assignments, errors);
                        break;
                    default:
                        Refuse($"{at}.{member.Name}", ReadOnlyWebhook.Contains(member.Name), errors);
                        break;
                }
            }
        }
    }

    /// <summary>Each member of the object at <paramref name="path"/> through <paramref name="known"/>; a member it does not take is unknown.</summary>
    private static void Members(string path, JsonElement value, List<string> errors, Func<string, JsonElement, bool> known)
    {
        if (!IsObject(path, value, errors))
        {
            return;
        }

        foreach (var member in value.EnumerateObject())
        {
            if (!known(member.Name, member.Value))
            {
                Refuse($"{path}.{member.Name}", false, errors);
            }
        }
    }

    /// <summary>A decimal as a JSON string or number; a number's digits are taken as written.</summary>
    private static bool Number(string path, string key, JsonElement value, List<KeyValuePair<string, string>> assignments, List<string> errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                assignments.Add(new(key, value.GetString()!.Trim()));
                break;
            case JsonValueKind.Number:
                assignments.Add(new(key, value.GetRawText()));
                break;
            default:
                errors.Add($"{key} ({path}) must be a number or a string of one (got {Kind(value)}).");
                break;
        }

        return true;
    }

    private static bool Duration(string path, string key, JsonElement value, List<KeyValuePair<string, string>> assignments, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            assignments.Add(new(key, value.GetString()!.Trim()));
        }
        else
        {
            errors.Add($"{key} ({path}) must be a duration string \"hh:mm:ss\" (got {Kind(value)}).");
        }

        return true;
    }

    /// <summary>An array of names, passed on comma-separated.</summary>
    private static bool List(string path, string key, JsonElement value, List<KeyValuePair<string, string>> assignments, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path} must be an array of strings (got {Kind(value)}).");
            return true;
        }

        var names = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (string.IsNullOrEmpty(name) || name.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"{path} must hold non-empty names without commas (got {Kind(item)}).");
                return true;
            }

            names.Add(name);
        }

        assignments.Add(new(key, string.Join(",", names)));
        return true;
    }

    private static bool IsObject(string path, JsonElement value, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        errors.Add($"{path} must be an object (got {Kind(value)}).");
        return false;
    }

    private static void Refuse(string path, bool readOnly, List<string> errors) =>
        errors.Add(readOnly
            ? $"setting '{path}' cannot be changed at runtime: change it in the configuration and restart."
            : $"unknown setting '{path}'.");

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string " + Quote(value.GetString()!),
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Quote(string text) => "'" + SettingsWriter.Shorten(text) + "'";
}
