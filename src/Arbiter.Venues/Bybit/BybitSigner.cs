using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Venues.Bybit;

/// <summary>Bybit v5 request signing (REFERENCE §3 Auth): <c>X-BAPI-SIGN = hex(HMAC_SHA256(secret, timestamp + apiKey + recvWindow + query|body))</c>.</summary>
internal static class BybitSigner
{
    public static string Sign(string secret, long timestampMs, string apiKey, int recvWindowMs, string queryOrBody)
    {
        var plain = string.Create(CultureInfo.InvariantCulture, $"{timestampMs}{apiKey}{recvWindowMs}{queryOrBody}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(plain)));
    }
}
