using Arbiter.Venues.Wallets;

namespace Arbiter.Hosting;

/// <summary>
/// One venue's API key from <c>Credentials:&lt;Venue&gt;</c> (best kept in <c>.env</c>: <c>ARBITER__Credentials__Binance__ApiKey=…</c>).
/// Read-only permissions suffice. Never logged; shown only masked.
/// </summary>
public sealed class VenueCredentialOptions
{
    public string? ApiKey { get; set; }

    public string? ApiSecret { get; set; }

    /// <summary>Required by OKX and Coinbase Exchange, unused elsewhere.</summary>
    public string? Passphrase { get; set; }

    /// <summary>The credentials, or null when no key is configured.</summary>
    public VenueCredentials? ToCredentials() =>
        string.IsNullOrWhiteSpace(ApiKey) ? null : new VenueCredentials(ApiKey.Trim(), ApiSecret?.Trim() ?? "", string.IsNullOrWhiteSpace(Passphrase) ? null : Passphrase.Trim());

    /// <summary>Errors naming the key; never the values.</summary>
    public IEnumerable<string> Validate(string section)
    {
        var hasKey = !string.IsNullOrWhiteSpace(ApiKey);
        var hasSecret = !string.IsNullOrWhiteSpace(ApiSecret);
        if (hasKey && !hasSecret)
        {
            yield return $"{section}:ApiSecret is required when {section}:ApiKey is set.";
        }
        else if (!hasKey && hasSecret)
        {
            yield return $"{section}:ApiKey is required when {section}:ApiSecret is set.";
        }
        else if (!hasKey && !string.IsNullOrWhiteSpace(Passphrase))
        {
            yield return $"{section}:Passphrase is set without {section}:ApiKey and {section}:ApiSecret.";
        }
    }

    public override string ToString() => $"ApiKey = {VenueCredentials.Mask(ApiKey)}, ApiSecret = …, Passphrase = {(Passphrase is null ? "none" : "…")}";
}
