using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>Checks a Bearer JWT the way a venue would: recomputes its HMAC with the secret and returns the payload.</summary>
internal static class JwtCheck
{
    public static JsonElement Verify(string authorization, string secret, string algorithm)
    {
        authorization.ShouldStartWith("Bearer ");
        var parts = authorization["Bearer ".Length..].Split('.');
        parts.Length.ShouldBe(3);
        using (var header = JsonDocument.Parse(Decode(parts[0])))
        {
            header.RootElement.GetProperty("alg").GetString().ShouldBe(algorithm);
            header.RootElement.GetProperty("typ").GetString().ShouldBe("JWT");
        }

        var key = Encoding.UTF8.GetBytes(secret);
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var mac = algorithm == "HS512" ? HMACSHA512.HashData(key, input) : HMACSHA256.HashData(key, input);
        Decode(parts[2]).ShouldBe(mac);
        return JsonDocument.Parse(Decode(parts[1])).RootElement.Clone();
    }

    private static byte[] Decode(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
    }
}
