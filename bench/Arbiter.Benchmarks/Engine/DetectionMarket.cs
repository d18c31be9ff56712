using Arbiter.Core;

namespace Arbiter.Benchmarks.Engine;

/// <summary>
/// BTC on all eight venues with a 20-level snapshot per side: fair value 100,000 USD, USDT at 1.0, KRW at 1380 per USD,
/// each book 10 USD wide at the top with levels 25 USD apart and 0.05–1.5 BTC each. Upbit is dislocated 60 bps down, so
/// buying there and selling on Binance, Bybit, Gate.io, OKX, Kraken or Bithumb clears the taker fees for several levels;
/// Coinbase's 1.2 % fee keeps it out. Deterministic (seeded).
/// </summary>
internal sealed class DetectionMarket
{
    public const int Depth = 20;
    public const decimal UsdKrw = 1380m;
    public const decimal FairUsd = 100_000m;
    public const decimal UpbitDislocation = -0.006m;
    public const long ReceiveTime = 1_750_000_000_000_000;

    private const decimal HalfSpreadUsd = 5m;
    private const decimal LevelStepUsd = 25m;

    public DetectionMarket(InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var random = new Random(7);
        Venues =
        [
            Build(catalog, random, VenueId.Binance, "BTCUSDT", Asset.Usdt, priceScale: 2, quantityScale: 5, tickQuote: 0.01m, dislocation: 0m),
            Build(catalog, random, VenueId.Coinbase, "BTC-USD", Asset.Usd, 2, 8, 0.01m, 0m),
            Build(catalog, random, VenueId.Bybit, "BTCUSDT", Asset.Usdt, 2, 6, 0.01m, 0m),
            Build(catalog, random, VenueId.GateIo, "BTC_USDT", Asset.Usdt, 1, 6, 0.1m, 0m),
            Build(catalog, random, VenueId.Upbit, "KRW-BTC", Asset.Krw, 8, 8, 1000m, UpbitDislocation),
            Build(catalog, random, VenueId.Bithumb, "KRW-BTC", Asset.Krw, 0, 8, 1000m, 0m),
            Build(catalog, random, VenueId.Okx, "BTC-USDT", Asset.Usdt, 1, 8, 0.1m, 0m),
            Build(catalog, random, VenueId.Kraken, "BTC/USD", Asset.Usd, 1, 8, 0.1m, 0m),
        ];
    }

    public IReadOnlyList<DetectionVenue> Venues { get; }

    public DetectionVenue Venue(VenueId venue)
    {
        foreach (var v in Venues)
        {
            if (v.Instrument.Venue == venue)
            {
                return v;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(venue));
    }

    /// <summary>The book and top level the measured delta changes, and its two quantities: as in the snapshot, and 1 BTC more.</summary>
    public (DetectionVenue Venue, Side Side, Level Original, Level Changed) DeltaOf(DetectionCase detectionCase)
    {
        var (venue, side) = detectionCase switch
        {
            DetectionCase.DislocatedVenue => (Venue(VenueId.Upbit), Side.Ask),
            DetectionCase.Counterparty => (Venue(VenueId.Binance), Side.Bid),
            _ => (Venue(VenueId.Coinbase), Side.Bid),
        };
        var original = side == Side.Bid ? venue.Bids[0] : venue.Asks[0];
        var oneBtc = FixedPoint.Pow10(venue.Instrument.QuantityScale);
        return (venue, side, original, original with { Quantity = original.Quantity + oneBtc });
    }

    private static DetectionVenue Build(
        InstrumentCatalog catalog, Random random, VenueId venue, string symbol, Asset quote, int priceScale, int quantityScale, decimal tickQuote, decimal dislocation)
    {
        var instrument = catalog.Add(new Instrument(venue, symbol, Asset.Btc, quote, priceScale, quantityScale));
        var quotePerUsd = quote == Asset.Krw ? UsdKrw : 1m;
        var mid = FairUsd * (1m + dislocation);
        var bids = new Level[Depth];
        var asks = new Level[Depth];
        for (var i = 0; i < Depth; i++)
        {
            var offset = HalfSpreadUsd + (LevelStepUsd * i);
            bids[i] = new Level(Units(mid - offset, quotePerUsd, tickQuote, priceScale), Quantity(random, quantityScale));
            asks[i] = new Level(Units(mid + offset, quotePerUsd, tickQuote, priceScale), Quantity(random, quantityScale));
        }

        return new DetectionVenue(instrument, bids, asks);
    }

    /// <summary>A USD price in the venue's quote currency, on its tick grid, in price units.</summary>
    private static long Units(decimal usd, decimal quotePerUsd, decimal tickQuote, int priceScale)
    {
        var quote = Math.Round(usd * quotePerUsd / tickQuote, MidpointRounding.ToEven) * tickQuote;
        return FixedPoint.TryFromDecimal(quote, priceScale, out var units) ? units : throw new InvalidOperationException($"{quote} does not fit scale {priceScale}.");
    }

    /// <summary>0.05–1.5 BTC with 5 decimals, in units at <paramref name="quantityScale"/> (≥ 5).</summary>
    private static long Quantity(Random random, int quantityScale) => random.Next(5_000, 150_001) * FixedPoint.Pow10(quantityScale - 5);
}
