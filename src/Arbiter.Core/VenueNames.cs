namespace Arbiter.Core;

/// <summary>Stable lower-case names of venues, as used in configuration, captures and the API.</summary>
public static class VenueNames
{
    /// <summary>Number of venue ids; arrays indexed by <see cref="VenueId"/> have this length.</summary>
    public const int Count = 8;

    private static readonly string[] Names = ["binance", "coinbase", "bybit", "gateio", "upbit", "bithumb", "okx", "kraken"];

    /// <summary>All venues in id order.</summary>
    public static ReadOnlySpan<VenueId> All => [VenueId.Binance, VenueId.Coinbase, VenueId.Bybit, VenueId.GateIo, VenueId.Upbit, VenueId.Bithumb, VenueId.Okx, VenueId.Kraken];

    public static string Name(this VenueId venue) => Names[(int)venue];

    public static bool TryParse(string? name, out VenueId venue)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                venue = (VenueId)i;
                return true;
            }
        }

        venue = default;
        return false;
    }
}
