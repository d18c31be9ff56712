using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues.Wallets;

/// <summary>One wallet-status HTTP answer: the parsed body when it is JSON, and the error text when the call failed.</summary>
internal sealed class WalletReply(int status, JsonDocument? json, string? error) : IDisposable
{
    /// <summary>The HTTP status, or 0 when no answer came.</summary>
    public int Status { get; } = status;

    /// <summary>The body as JSON (also for a non-2xx answer), or null when it was not JSON.</summary>
    public JsonDocument? Json { get; } = json;

    /// <summary>Null on success; else "gateio: HTTP 401 from GET …: message".</summary>
    public string? Error { get; } = error;

    /// <summary>The snapshot read from the body by <paramref name="parse"/>, or the error; a body of unexpected shape becomes a "malformed" error.</summary>
    public WalletFetch ToFetch(VenueId venue, string endpoint, string source, long now, Func<JsonElement, WalletCollector, IReadOnlyList<AssetWallet>> parse, WalletCollector wanted)
    {
        if (Error is not null)
        {
            return WalletFetch.Failed(Error);
        }

        var assets = WalletHttp.TryParse(venue, endpoint, Json!.RootElement, wanted, parse, out var error);
        return assets is null ? WalletFetch.Failed(error!) : WalletFetch.Ok(new WalletSnapshot(venue, now, assets, source));
    }

    public void Dispose() => Json?.Dispose();
}
