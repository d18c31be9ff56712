using Arbiter.Core;

namespace Arbiter.Api;

/// <summary>
/// What one WebSocket client subscribed to: a set of asset codes and a set of venues, each empty for "all". A message
/// tagged with an asset passes when the asset set is empty or holds it; a message tagged with venues passes when the
/// venue set is empty or holds any of them; untagged messages (fx, stats) always pass. Immutable.
/// </summary>
public sealed class SubscriptionFilter
{
    /// <summary>The longest asset code a client may name.</summary>
    public const int MaxAssetCodeLength = 20;

    private readonly HashSet<string> assets;

    private SubscriptionFilter(HashSet<string> assets, int venueMask)
    {
        this.assets = assets;
        VenueMask = venueMask;
    }

    /// <summary>Everything.</summary>
    public static SubscriptionFilter All { get; } = new([], 0);

    /// <summary>Bit <c>1 &lt;&lt; (int)venue</c> per subscribed venue; 0 = all venues.</summary>
    public int VenueMask { get; }

    /// <summary>The subscribed asset codes, upper-case; empty = all assets.</summary>
    public IReadOnlyCollection<string> Assets => assets;

    public bool IsAll => assets.Count == 0 && VenueMask == 0;

    /// <summary>
    /// Builds a filter from asset codes (1..20 ASCII letters or digits, case-insensitive) and venue names
    /// (case-insensitive); null or empty lists mean all. On a bad value returns false with an error naming it.
    /// </summary>
    public static bool TryCreate(IEnumerable<string>? assetCodes, IEnumerable<string>? venueNames, out SubscriptionFilter filter, out string error)
    {
        filter = All;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in assetCodes ?? [])
        {
            if (!IsAssetCode(code))
            {
                error = $"assets: '{Shorten(code)}' is not an asset code (1..{MaxAssetCodeLength} ASCII letters or digits)";
                return false;
            }

            codes.Add(code.ToUpperInvariant());
        }

        var mask = 0;
        foreach (var name in venueNames ?? [])
        {
            if (!VenueNames.TryParse(name, out var venue))
            {
                error = $"venues: unknown venue '{Shorten(name)}'; use one of binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken";
                return false;
            }

            mask |= OutboundMessage.VenueBit(venue);
        }

        error = "";
        filter = codes.Count == 0 && mask == 0 ? All : new SubscriptionFilter(codes, mask);
        return true;
    }

    /// <summary>Whether a message with these tags reaches this client.</summary>
    public bool Passes(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PassesVenues(message.VenueMask) && (message.Asset.IsNone || PassesAsset(message.Asset));
    }

    /// <summary>Whether the asset set is empty or holds <paramref name="asset"/>.</summary>
    public bool PassesAsset(Asset asset) => assets.Count == 0 || assets.Contains(asset.Code);

    /// <summary>Whether this venue is subscribed (or all are).</summary>
    public bool PassesVenue(VenueId venue) => PassesVenues(OutboundMessage.VenueBit(venue));

    /// <summary>Whether the venue set is empty, the mask is untagged (0), or they share a venue.</summary>
    public bool PassesVenues(int venueMask) => VenueMask == 0 || venueMask == 0 || (VenueMask & venueMask) != 0;

    private static bool IsAssetCode(string? code)
    {
        if (code is not { Length: > 0 and <= MaxAssetCodeLength })
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A client-supplied value as quoted in an error: at most 40 characters, so a hostile value cannot blow up the reply.</summary>
    private static string Shorten(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";
}
