using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Venues.Wallets;

/// <summary>Compact JWTs signed with HMAC (HS256 or HS512), the form Upbit and Bithumb's new API take as a Bearer token.</summary>
internal static class HmacJwt
{
    /// <summary>base64url(header) "." base64url(payload) "." base64url(HMAC(secret, first two parts)), header <c>{"alg":…,"typ":"JWT"}</c>.</summary>
    public static string Encode(string algorithm, ReadOnlySpan<byte> payloadJson, string secret)
    {
        var header = Encoding.UTF8.GetBytes($$"""{"alg":"{{algorithm}}","typ":"JWT"}""");
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payloadJson);
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = algorithm switch
        {
            "HS256" => HMACSHA256.HashData(key, data),
            "HS512" => HMACSHA512.HashData(key, data),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "HS256 or HS512."),
        };
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
