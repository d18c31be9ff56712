namespace Arbiter.Venues.Tests.Wallets;

/// <summary>One request as <see cref="WalletServer"/> received it.</summary>
internal sealed record WalletRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
