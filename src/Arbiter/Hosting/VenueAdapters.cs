using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Upbit;

namespace Arbiter.Hosting;

/// <summary>The one place that knows which venues have adapters and how to build them, live and in replay.</summary>
public static class VenueAdapters
{
    /// <summary>The adapter options of <paramref name="venue"/> in force, as JSON (a capture's <c>config</c> line).</summary>
    public static string OptionsJson(VenueId venue, ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return venue switch
        {
            VenueId.Binance => JsonSerializer.Serialize(settings.Venues.Binance),
            VenueId.Upbit => JsonSerializer.Serialize(settings.Venues.Upbit),
            _ => throw NotImplemented(venue),
        };
    }

    public static Uri RestBase(VenueId venue, ArbiterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Uri(venue switch
        {
            VenueId.Binance => settings.Venues.Binance.RestBaseUrl,
            VenueId.Upbit => settings.Venues.Upbit.RestBaseUrl,
            _ => throw NotImplemented(venue),
        });
    }

    /// <summary>Builds the venue's protocol from <paramref name="optionsJson"/> (a capture's config line) or, when null, from <paramref name="settings"/>.</summary>
    public static IVenueProtocol Create(VenueId venue, string? optionsJson, ArbiterSettings settings, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return venue switch
        {
            VenueId.Binance => new BinanceProtocol(Options(optionsJson, settings.Venues.Binance), catalog, sink, actions),
            VenueId.Upbit => new UpbitProtocol(Options(optionsJson, settings.Venues.Upbit), catalog, sink, actions),
            _ => throw NotImplemented(venue),
        };
    }

    private static T Options<T>(string? json, T configured)
        where T : class =>
        json is null ? configured : JsonSerializer.Deserialize<T>(json) ?? configured;

    private static NotSupportedException NotImplemented(VenueId venue) =>
        new($"{venue.Name()} has no adapter in this release (binance and upbit only).");
}
