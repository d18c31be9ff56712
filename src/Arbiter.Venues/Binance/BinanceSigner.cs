using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Venues.Binance;

/// <summary>Binance request signing (REFERENCE §1 Auth): <c>signature = hex(HMAC-SHA256(secret, query + body))</c>, key in <c>X-MBX-APIKEY</c>.</summary>
internal static class BinanceSigner
{
    /// <summary>Lower-case hex HMAC-SHA256 of the percent-encoded query string followed by the body.</summary>
    public static string Sign(string secret, string totalParams) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(totalParams)));
}
