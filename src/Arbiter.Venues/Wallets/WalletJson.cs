using System.Globalization;
using System.Text.Json;

namespace Arbiter.Venues.Wallets;

/// <summary>
/// Tolerant field reads for wallet-status bodies: venues spell numbers and flags as strings, numbers or booleans, and an
/// empty string as "not given". A field of an unusable type throws <see cref="FormatException"/>, reported as a malformed body.
/// </summary>
internal static class WalletJson
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The text of a string (or the raw text of a number); null when missing, null or empty.</summary>
    public static string? Text(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new FormatException($"'{name}' is a {value.ValueKind}, not a string."),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>An exact decimal from "0.0005" or 0.0005 (parsed from the digits, never via double); null when missing or empty.</summary>
    public static decimal? Decimal(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDecimal();
            case JsonValueKind.String:
                var text = value.GetString();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                if (!decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var parsed))
                {
                    throw new FormatException($"'{name}' is not a decimal ('{text}').");
                }

                return parsed;
            case JsonValueKind.Null:
                return null;
            default:
                throw new FormatException($"'{name}' is a {value.ValueKind}, not a decimal.");
        }
    }

    /// <summary>An integer from 12 or "12"; null when missing, empty or not an integer.</summary>
    public static int? Int(JsonElement parent, string name)
    {
        var text = Text(parent, name);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A flag from true/false, 1/0 or "1"/"0"/"true"/"false"; null when missing or anything else (callers treat that as not open).</summary>
    public static bool? Flag(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.GetRawText() switch { "1" => true, "0" => false, _ => null },
            JsonValueKind.String => value.GetString() switch
            {
                "1" or "true" or "TRUE" or "True" => true,
                "0" or "false" or "FALSE" or "False" => false,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>The array property <paramref name="name"/>, or an empty array when missing or null.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement parent, string name)
    {
        if (parent.ValueKind == JsonValueKind.Object
            && parent.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Array)
        {
            return value.EnumerateArray();
        }

        return default;
    }
}
