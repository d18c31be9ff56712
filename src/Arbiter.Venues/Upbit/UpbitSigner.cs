using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbiter.Venues.Wallets;

namespace Arbiter.Venues.Upbit;

/// <summary>
/// Upbit's Bearer JWT (REFERENCE §5 Auth): payload <c>{access_key, nonce}</c>, plus <c>query_hash</c> = hex(SHA512(query))
/// and <c>query_hash_alg</c> "SHA512" when there are parameters; signed HS512 as the current docs' example token is.
/// </summary>
internal static class UpbitSigner
{
    public const string Algorithm = "HS512";

    public static string Token(string accessKey, string secret, Guid nonce, string? query)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_key", accessKey);
            writer.WriteString("nonce", nonce.ToString("D"));
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
