using Arbiter.Core;
using Arbiter.Venues;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Upbit;

namespace Arbiter.Hosting;

/// <summary>The one place that knows which venues have adapters and how to build them, live, in replay and against the simulator.</summary>
public static class VenueAdapters
{
    private static readonly VenueAdapter[] Table =
    [
        new VenueAdapterOf<BinanceOptions>(
            VenueId.Binance,
            v => v.Binance,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new BinanceProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsBaseUrl = Trim(ws); // the protocol appends /stream?streams=…
                o.RestBaseUrl = Trim(rest);
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<UpbitOptions>(
            VenueId.Upbit,
            v => v.Upbit,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new UpbitProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/websocket/v1").ToString();
                o.RestBaseUrl = Trim(rest);
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<BithumbOptions>(
            VenueId.Bithumb,
            v => v.Bithumb,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new BithumbProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/websocket/v1").ToString();
                o.RestBaseUrl = Trim(rest);
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<CoinbaseOptions>(
            VenueId.Coinbase,
            v => v.Coinbase,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new CoinbaseProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/").ToString(); // Coinbase's WebSocket is the host's root
                o.RestBaseUrl = Trim(rest);
                o.ExchangeRestBaseUrl = Trim(rest); // the simulated venue serves the Exchange API's /currencies too
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<BybitOptions>(
            VenueId.Bybit,
            v => v.Bybit,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new BybitProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/v5/public/spot").ToString();
                o.RestBaseUrl = Trim(rest);
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<GateIoOptions>(
            VenueId.GateIo,
            v => v.GateIo,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new GateIoProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/ws/v4/").ToString();
                o.RestBaseUrl = Trim(rest); // the protocol's paths carry /api/v4
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<OkxOptions>(
            VenueId.Okx,
            v => v.Okx,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new OkxProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/ws/v5/public").ToString();
                o.RestBaseUrl = Trim(rest);
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
        new VenueAdapterOf<KrakenOptions>(
            VenueId.Kraken,
            v => v.Kraken,
            o => o.RestBaseUrl,
            o => o.Assets,
            (o, section) => o.GetValidationErrors(section),
            (o, catalog, sink, actions) => new KrakenProtocol(o, catalog, sink, actions),
            (o, ws, rest, assets) =>
            {
                o.WsUrl = new Uri(ws, "/v2").ToString(); // wss://ws.kraken.com/v2
                o.RestBaseUrl = Trim(rest);
                o.AllowInsecureUrls = true;
                o.Assets = assets;
            }),
    ];

    /// <summary>Every venue with an adapter, in id order.</summary>
    public static IReadOnlyList<VenueAdapter> All { get; } = [.. Table.OrderBy(a => a.Venue)];

    /// <summary>True when <paramref name="venue"/> has an adapter in this release.</summary>
    public static bool Has(VenueId venue) => Table.Any(a => a.Venue == venue);

    public static VenueAdapter For(VenueId venue) =>
        Table.FirstOrDefault(a => a.Venue == venue)
        ?? throw new NotSupportedException($"{venue.Name()} has no adapter in this release ({string.Join(", ", All.Select(a => a.Venue.Name()))}).");

    /// <summary>The adapter options of <paramref name="venue"/> in force, as JSON (a capture's <c>config</c> line).</summary>
    public static string OptionsJson(VenueId venue, ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(venue).OptionsJson(settings.Venues);
    }

    /// <summary>The assets <paramref name="venue"/> watches, as configured.</summary>
    public static IReadOnlyList<Asset> Assets(VenueId venue, ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. For(venue).Assets(settings.Venues).Select(Asset.Of)];
    }

    public static Uri RestBase(VenueId venue, ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(venue).RestBase(settings.Venues);
    }

    /// <summary>Builds the venue's protocol from <paramref name="optionsJson"/> (a capture's config line) or, when null, from <paramref name="settings"/>.</summary>
    public static IVenueProtocol Create(VenueId venue, string? optionsJson, ArbiterSettings settings, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(venue).Create(optionsJson, settings.Venues, catalog, sink, actions);
    }

    private static string Trim(Uri uri) => uri.ToString().TrimEnd('/');
}
