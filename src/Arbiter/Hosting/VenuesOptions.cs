using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Bithumb;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Upbit;

namespace Arbiter.Hosting;

/// <summary>Which venues run and each venue's adapter options.</summary>
public sealed class VenuesOptions
{
    /// <summary>Venue names to run; by default all eight (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).</summary>
    public List<string> Enabled { get; set; } = ["binance", "coinbase", "bybit", "gateio", "upbit", "bithumb", "okx", "kraken"];

    public BinanceOptions Binance { get; set; } = new();

    public UpbitOptions Upbit { get; set; } = new();

    public BithumbOptions Bithumb { get; set; } = new();

    public CoinbaseOptions Coinbase { get; set; } = new();

    public GateIoOptions GateIo { get; set; } = new();

    public OkxOptions Okx { get; set; } = new();

    public KrakenOptions Kraken { get; set; } = new();

    public BybitOptions Bybit { get; set; } = new();

    /// <summary>The enabled venues as ids, in id order.</summary>
    public IReadOnlyList<VenueId> EnabledIds()
    {
        var ids = new SortedSet<VenueId>();
        foreach (var name in Enabled)
        {
            if (VenueNames.TryParse(name, out var id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    public IEnumerable<string> Validate()
    {
        if (Enabled.Count == 0)
        {
            yield return $"Venues:Enabled must name at least one venue ({string.Join(", ", VenueAdapters.All.Select(a => a.Venue.Name()))}).";
        }

        foreach (var name in Enabled)
        {
            if (!VenueNames.TryParse(name, out var id))
            {
                yield return $"Venues:Enabled has '{name}', which is not a venue name (binance, coinbase, bybit, gateio, upbit, bithumb, okx, kraken).";
            }
            else if (!VenueAdapters.Has(id))
            {
                yield return $"Venues:Enabled has '{name}', which has no adapter in this release ({string.Join(", ", VenueAdapters.All.Select(a => a.Venue.Name()))}).";
            }
        }

        foreach (var adapter in VenueAdapters.All)
        {
            foreach (var error in adapter.Validate(this))
            {
                yield return error;
            }
        }
    }
}
