using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Arbiter.Simulator;

/// <summary>Verifies the HMAC-signed JWTs of Upbit and Bithumb (HS256 / HS512 over "base64url(header).base64url(payload)").</summary>
internal static class SimJwt
{
    /// <summary>The token of an "Authorization: Bearer …" header, or null.</summary>
    public static string? Bearer(SimHttpRequest request)
    {
        var header = request.Header("Authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>
    /// True with the payload when <paramref name="token"/> is three base64url parts whose header names an allowed alg and
    /// whose signature matches <paramref name="secret"/>; false with the failure otherwise ("malformed", "alg", "signature").
    /// </summary>
    public static bool TryVerify(string token, string secret, IReadOnlyCollection<string> algorithms, out JsonElement payload, out string failure)
    {
        payload = default;
        var parts = token.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) || !TryDecode(parts[2], out var signature))
        {
            failure = "malformed";
            return false;
        }

        string? alg;
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            alg = header.RootElement.ValueKind == JsonValueKind.Object && header.RootElement.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            using var body = JsonDocument.Parse(payloadBytes);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                failure = "malformed";
                return false;
            }

            payload = body.RootElement.Clone();
        }
        catch (JsonException)
        {
            failure = "malformed";
            return false;
        }

        if (alg is null || !algorithms.Contains(alg))
        {
            failure = "alg";
            return false;
        }

        var key = Encoding.UTF8.GetBytes(secret);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var expected = alg switch
        {
            "HS256" => HMACSHA256.HashData(key, signed),
            "HS384" => HMACSHA384.HashData(key, signed),
            _ => HMACSHA512.HashData(key, signed),
        };
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            failure = "signature";
            return false;
        }

        failure = "";
        return true;
    }

    /// <summary>A string claim, or null.</summary>
    public static string? Claim(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A numeric claim (number or digits in a string), or null.</summary>
    public static long? NumberClaim(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        return value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    private static bool TryDecode(string part, out byte[] bytes)
    {
        var text = part.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
