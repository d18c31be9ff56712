using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Bithumb;

/// <summary>
/// Bithumb new-API Bearer JWT (REFERENCE §6 "Auth, new API"): HS256 over <c>{access_key, nonce, timestamp}</c>, plus
/// <c>query_hash</c> = hex(SHA512(query)) and <c>query_hash_alg</c> "SHA512" when there are parameters.
/// </summary>
internal static class BithumbSigner
{
    public const string Algorithm = "HS256";

    public static string Token(string accessKey, string secret, Guid nonce, long timestampMs, string? query)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_key", accessKey);
            writer.WriteString("nonce", nonce.ToString("D"));
            writer.WriteNumber("timestamp", timestampMs);
            if (!string.IsNullOrEmpty(query))
            {
                writer.WriteString("query_hash", Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(query))));
                writer.WriteString("query_hash_alg", "SHA512");
            }

            writer.WriteEndObject();
        }

        return HmacJwt.Encode(Algorithm, buffer.ToArray(), secret);
    }
}
