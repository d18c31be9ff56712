namespace Arbiter.Venues.Wallets;

/// <summary>A venue API key (read-only permissions suffice). <see cref="ToString"/> and <see cref="Masked"/> never show the secret.</summary>
public sealed record VenueCredentials(string ApiKey, string ApiSecret, string? Passphrase = null)
{
    /// <summary>"abcd…wxyz" for a value of 16 characters or more (at most half shown), "…" otherwise.</summary>
    public static string Mask(string? value) => value is { Length: >= 16 } ? $"{value[..4]}…{value[^4..]}" : "…";

    /// <summary>The key, masked.</summary>
    public string Masked => Mask(ApiKey);

    public override string ToString() => $"VenueCredentials {{ ApiKey = {Masked}, ApiSecret = …, Passphrase = {(Passphrase is null ? "none" : "…")} }}";
}
