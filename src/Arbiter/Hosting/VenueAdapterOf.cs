using System.Text.Json;
using Arbiter.Core;
using Arbiter.Venues;

namespace Arbiter.Hosting;

/// <summary>A <see cref="VenueAdapter"/> over a typed options class.</summary>
internal sealed class VenueAdapterOf<TOptions> : VenueAdapter
    where TOptions : class
{
    private readonly Func<VenuesOptions, TOptions> options;
    private readonly Func<TOptions, string> restBase;
    private readonly Func<TOptions, string[]> assets;
    private readonly Func<TOptions, string, IReadOnlyList<string>> validate;
    private readonly Func<TOptions, InstrumentCatalog, IMarketEventSink, IVenueActions, IVenueProtocol> create;
    private readonly Action<TOptions, Uri, Uri, string[]> pointAt;

    public VenueAdapterOf(
        VenueId venue,
        Func<VenuesOptions, TOptions> options,
        Func<TOptions, string> restBase,
        Func<TOptions, string[]> assets,
        Func<TOptions, string, IReadOnlyList<string>> validate,
        Func<TOptions, InstrumentCatalog, IMarketEventSink, IVenueActions, IVenueProtocol> create,
        Action<TOptions, Uri, Uri, string[]> pointAt)
        : base(venue)
    {
        this.options = options;
        this.restBase = restBase;
        this.assets = assets;
        this.validate = validate;
        this.create = create;
        this.pointAt = pointAt;
    }

    public override object OptionsOf(VenuesOptions venues) => options(venues);

    public override string OptionsJson(VenuesOptions venues) => JsonSerializer.Serialize(options(venues));

    public override Uri RestBase(VenuesOptions venues) => new(restBase(options(venues)));

    public override IReadOnlyList<string> Assets(VenuesOptions venues) => assets(options(venues));

    public override IReadOnlyList<string> Validate(VenuesOptions venues) => validate(options(venues), "Venues:" + Venue);

    public override IVenueProtocol Create(string? optionsJson, VenuesOptions venues, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions)
    {
        var configured = options(venues);
        var chosen = optionsJson is null ? configured : JsonSerializer.Deserialize<TOptions>(optionsJson) ?? configured;
        return create(chosen, catalog, sink, actions);
    }

    public override void PointAtSimulator(VenuesOptions venues, Uri wsBase, Uri restBase, IReadOnlyList<string> assets)
    {
        ArgumentNullException.ThrowIfNull(wsBase);
        ArgumentNullException.ThrowIfNull(restBase);
        ArgumentNullException.ThrowIfNull(assets);
        pointAt(options(venues), wsBase, restBase, [.. assets]);
    }
}
