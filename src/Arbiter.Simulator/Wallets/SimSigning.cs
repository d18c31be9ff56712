using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Simulator;

/// <summary>The hashes the venues sign with, computed from their documented formulas (REFERENCE "Auth." sections), not from the adapters.</summary>
internal static class SimSigning
{
    public static string HmacSha256Hex(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    public static string HmacSha256Base64(string secret, string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    public static string Sha512Hex(string payload) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(payload)));

    /// <summary>Constant-time comparison of two signatures; <paramref name="ignoreCase"/> for hex.</summary>
    public static bool SameSignature(string? given, string expected, bool ignoreCase = false)
    {
        if (given is null)
        {
            return false;
        }

        if (ignoreCase)
        {
            given = given.ToLowerInvariant();
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
