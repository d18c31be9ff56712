using Arbiter.Core;
using Arbiter.Venues;

namespace Arbiter.Hosting;

/// <summary>
/// How the host builds one venue's adapter: where its options live in the settings, its REST base, its protocol, and
/// how to point it at a simulated venue. One entry per venue in <see cref="VenueAdapters"/>.
/// </summary>
public abstract class VenueAdapter
{
    private protected VenueAdapter(VenueId venue) => Venue = venue;

    public VenueId Venue { get; }

    /// <summary>The options object of this venue in <paramref name="venues"/>.</summary>
    public abstract object OptionsOf(VenuesOptions venues);

    /// <summary>The options in force as JSON (a capture's <c>config</c> line).</summary>
    public abstract string OptionsJson(VenuesOptions venues);

    public abstract Uri RestBase(VenuesOptions venues);

    /// <summary>The asset codes this venue watches (its options' <c>Assets</c>).</summary>
    public abstract IReadOnlyList<string> Assets(VenuesOptions venues);

    /// <summary>Validation errors of this venue's options, keys prefixed with "Venues:{Venue}".</summary>
    public abstract IReadOnlyList<string> Validate(VenuesOptions venues);

    /// <summary>Builds the protocol from <paramref name="optionsJson"/> (a capture's config line) or, when null, from <paramref name="venues"/>.</summary>
    public abstract IVenueProtocol Create(string? optionsJson, VenuesOptions venues, InstrumentCatalog catalog, IMarketEventSink sink, IVenueActions actions);

    /// <summary>
    /// Points this venue's options at a simulated venue listening on <paramref name="wsBase"/> and
    /// <paramref name="restBase"/> (each venue appends its real WebSocket path), allows plain ws/http, and watches
    /// <paramref name="assets"/>.
    /// </summary>
    public abstract void PointAtSimulator(VenuesOptions venues, Uri wsBase, Uri restBase, IReadOnlyList<string> assets);
}
