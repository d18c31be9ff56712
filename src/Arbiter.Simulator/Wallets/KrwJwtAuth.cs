namespace Arbiter.Simulator;

/// <summary>
/// The JWT check of Upbit and Bithumb's current API (REFERENCE §5, §6): <c>Authorization: Bearer</c> a JWT signed with the
/// secret (HS256 as ccxt, or HS512 as Upbit's docs), claims <c>access_key</c> = the API key, a fresh <c>nonce</c>, and when the
/// request has a query, <c>query_hash</c> = hex SHA512 of the query string with <c>query_hash_alg</c> "SHA512" (default).
/// Bithumb also requires <c>timestamp</c> (ms), accepted within <see cref="TimestampWindow"/> (the real window is unconfirmed).
/// Refusals: HTTP 401 <c>{"error":{"name":…,"message":…}}</c> with names jwt_verification, invalid_access_key,
/// invalid_query_payload, nonce_used, expired_jwt (names as Upbit's error table; messages unconfirmed).
/// </summary>
internal sealed class KrwJwtAuth(SimulatorOptions options, bool requireTimestamp)
{
    /// <summary>How far a Bithumb JWT timestamp may be from the server clock.</summary>
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(60);

    private static readonly string[] Algorithms = ["HS256", "HS512"];
    private const int NonceMemory = 100_000;

    private readonly object gate = new();
    private readonly HashSet<string> nonces = new(StringComparer.Ordinal);
    private readonly Queue<string> nonceOrder = new();

    /// <summary>Null when the request is authenticated, else the venue's refusal.</summary>
    public SimHttpResponse? Refuse(SimHttpRequest request)
    {
        var token = SimJwt.Bearer(request);
        if (token is null)
        {
            return Error(401, "jwt_verification", "Authorization header with a Bearer JWT is required.");
        }

        if (!SimJwt.TryVerify(token, options.ApiSecret, Algorithms, out var payload, out var failure))
        {
            return Error(401, "jwt_verification", $"JWT verification failed ({failure}).");
        }

        if (SimJwt.Claim(payload, "access_key") != options.ApiKey)
        {
            return Error(401, "invalid_access_key", "Invalid access key.");
        }

        var nonce = SimJwt.Claim(payload, "nonce");
        if (string.IsNullOrEmpty(nonce))
        {
            return Error(401, "jwt_verification", "JWT verification failed (nonce missing).");
        }

        if (requireTimestamp)
        {
            if (SimJwt.NumberClaim(payload, "timestamp") is not { } timestamp)
            {
                return Error(401, "jwt_verification", "JWT verification failed (timestamp missing).");
            }

            if (Math.Abs((timestamp * 1000) - request.NowMicros) > TimestampWindow.Ticks / 10)
            {
                return Error(401, "expired_jwt", "JWT timestamp is outside the accepted window.");
            }
        }

        var query = request.RawQuery;
        if (query.Length > 0)
        {
            var hash = SimJwt.Claim(payload, "query_hash");
            var alg = SimJwt.Claim(payload, "query_hash_alg") ?? "SHA512";
            var decoded = Uri.UnescapeDataString(query.Replace('+', ' '));
            if (hash is null || alg != "SHA512"
                || !(SimSigning.SameSignature(hash, SimSigning.Sha512Hex(query), ignoreCase: true) || SimSigning.SameSignature(hash, SimSigning.Sha512Hex(decoded), ignoreCase: true)))
            {
                return Error(401, "invalid_query_payload", "query_hash does not match the query.");
            }
        }

        lock (gate)
        {
            if (!nonces.Add(nonce))
            {
                return Error(401, "nonce_used", "The nonce was already used.");
            }

            nonceOrder.Enqueue(nonce);
            if (nonceOrder.Count > NonceMemory)
            {
                nonces.Remove(nonceOrder.Dequeue());
            }
        }

        return null;
    }

    /// <summary>Upbit's error body, <c>{"error":{"name":…,"message":…}}</c> (also its 400 validation_error).</summary>
    public static SimHttpResponse Error(int status, string name, string message) => SimHttpResponse.Json(status, SimJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("name", name);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }));
}
