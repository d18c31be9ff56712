using System.Globalization;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The wallet/network-status endpoint of one simulated venue, at the venue's real path and in its real format; keyed
/// endpoints verify the venue's own authentication against <see cref="SimulatorOptions.ApiKey"/>/<see cref="SimulatorOptions.ApiSecret"/>
/// and refuse as the venue does. <see cref="Handle"/> returns null for a path that is not a wallet endpoint.
/// </summary>
internal abstract class SimWalletApi
{
    private readonly string[] paths;

    /// <param name="paths">The paths of the venue's wallet endpoints (GET only).</param>
    private protected SimWalletApi(SimWallets wallets, SimulatorOptions options, params string[] paths)
    {
        Wallets = wallets;
        Options = options;
        this.paths = paths;
    }

    private protected SimWallets Wallets { get; }

    private protected SimulatorOptions Options { get; }

    /// <summary>The answer to a wallet endpoint request, or null when <paramref name="request"/> is not a GET of one of its paths.</summary>
    public SimHttpResponse? Handle(SimHttpRequest request) => IsGet(request) && Serves(request.Path) ? Answer(request) : null;

    public static SimWalletApi For(VenueId venue, SimWallets wallets, SimulatorOptions options) => venue switch
    {
        VenueId.Binance => new BinanceWalletApi(wallets, options),
        VenueId.Coinbase => new CoinbaseWalletApi(wallets, options),
        VenueId.Bybit => new BybitWalletApi(wallets, options),
        VenueId.GateIo => new GateIoWalletApi(wallets, options),
        VenueId.Upbit => new UpbitWalletApi(wallets, options),
        VenueId.Bithumb => new BithumbWalletApi(wallets, options),
        VenueId.Okx => new OkxWalletApi(wallets, options),
        VenueId.Kraken => new KrakenWalletApi(wallets, options),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "Unknown venue."),
    };

    /// <summary>True when <paramref name="path"/> is one of the venue's wallet endpoints.</summary>
    private protected virtual bool Serves(string path) => paths.Contains(path);

    /// <summary>The answer to a GET of one of the venue's wallet paths: the body, or the venue's refusal.</summary>
    private protected abstract SimHttpResponse Answer(SimHttpRequest request);

    private static bool IsGet(SimHttpRequest request) => string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);

    private protected static string Text(decimal value) => FixedPoint.Format(value);

    private protected static SimHttpResponse Json(int status, Action<Utf8JsonWriter> write) => SimHttpResponse.Json(status, SimJson.Build(write));

    /// <summary>The asset codes of a comma-separated filter ("USDT,BTC"), upper case; null when absent or empty.</summary>
    private protected static HashSet<string>? Filter(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return null;
        }

        return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The wallet's entries grouped by asset, in order, keeping only <paramref name="filter"/> when given.</summary>
    private protected IReadOnlyList<(string Asset, IReadOnlyList<SimWalletNetwork> Networks)> Grouped(HashSet<string>? filter = null)
    {
        var result = new List<(string, IReadOnlyList<SimWalletNetwork>)>();
        foreach (var asset in Wallets.Assets)
        {
            if (filter is null || filter.Contains(asset))
            {
                result.Add((asset, Wallets.Networks(asset)));
            }
        }

        return result;
    }

    /// <summary>The unix-ms time of <paramref name="request"/>.</summary>
    private protected static long NowMillis(SimHttpRequest request) => request.NowMicros / 1000;

    /// <summary>ISO-8601 UTC with milliseconds, "2026-11-21T13:33:19.000Z".</summary>
    private protected static string IsoMillis(long unixMicros) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMicros / 1000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private protected static bool TryLong(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
