using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Simulator.Tests;

/// <summary>The venues' signing formulas as a client computes them (REFERENCE "Auth."), written in the test independently of the simulator.</summary>
internal static class ClientSigner
{
    public const string Key = SimulatorOptions.DefaultApiKey;
    public const string Secret = SimulatorOptions.DefaultApiSecret;
    public const string Passphrase = SimulatorOptions.DefaultApiPassphrase;

    public static long Millis(long micros) => micros / 1000;

    /// <summary>Binance: query + "&amp;signature=" + hex HMAC-SHA256(secret, query).</summary>
    public static string BinanceQuery(string query, string secret = Secret) =>
        query + "&signature=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(query)));

    /// <summary>Bybit: the four X-BAPI headers for a GET of <paramref name="query"/> at <paramref name="timestampMs"/>.</summary>
    public static (string, string)[] BybitHeaders(string query, long timestampMs, string key = Key, string secret = Secret, string recvWindow = "5000")
    {
        var ts = timestampMs.ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(ts + key + recvWindow + query)));
        return [("X-BAPI-API-KEY", key), ("X-BAPI-TIMESTAMP", ts), ("X-BAPI-RECV-WINDOW", recvWindow), ("X-BAPI-SIGN", sign)];
    }

    /// <summary>OKX: the four OK-ACCESS headers for a GET of <paramref name="pathAndQuery"/> at <paramref name="micros"/>.</summary>
    public static (string, string)[] OkxHeaders(string pathAndQuery, long micros, string secret = Secret, string passphrase = Passphrase)
    {
        var ts = DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(ts + "GET" + pathAndQuery)));
        return [("OK-ACCESS-KEY", Key), ("OK-ACCESS-SIGN", sign), ("OK-ACCESS-TIMESTAMP", ts), ("OK-ACCESS-PASSPHRASE", passphrase)];
    }

    /// <summary>An Upbit/Bithumb JWT: header {"alg","typ":"JWT"}, the given claims, HMAC signature.</summary>
    public static string Jwt(string claimsJson, string alg = "HS256", string secret = Secret)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","typ":"JWT"}"""));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claimsJson));
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.ASCII.GetBytes(header + "." + payload);
        var signature = alg == "HS512" ? HMACSHA512.HashData(key, data) : HMACSHA256.HashData(key, data);
        return header + "." + payload + "." + Base64Url(signature);
    }

    public static string Sha512Hex(string text) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(text)));

    public static (string, string) Bearer(string token) => ("Authorization", "Bearer " + token);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
