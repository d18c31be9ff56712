using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Venues.Okx;

/// <summary>OKX v5 request signing (REFERENCE §7 Auth): <c>OK-ACCESS-SIGN = Base64(HMAC_SHA256(secret, timestamp + METHOD + requestPath + body))</c>.</summary>
internal static class OkxSigner
{
    /// <summary>The <c>OK-ACCESS-TIMESTAMP</c> form: ISO-8601 UTC with milliseconds, e.g. <c>2020-12-08T09:08:57.715Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>For a GET, <paramref name="requestPath"/> includes its <c>?query</c> and <paramref name="body"/> is empty.</summary>
    public static string Sign(string secret, string timestamp, string method, string requestPath, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + method + requestPath + body)));
}
