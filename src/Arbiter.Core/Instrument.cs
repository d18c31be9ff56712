namespace Arbiter.Core;

/// <summary>One tradable market on one venue: venue symbol, base and quote asset, and the fixed-point scales of its prices and quantities.</summary>
/// <remarks>
/// Prices and quantities of this instrument are <see cref="long"/> units: value = units / 10^scale.
/// The scales come from the venue's market list (tick and lot size) or a documented conservative default.
/// </remarks>
public sealed class Instrument
{
    public Instrument(VenueId venue, string symbol, Asset baseAsset, Asset quoteAsset, int priceScale, int quantityScale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (baseAsset.IsNone || quoteAsset.IsNone)
        {
            throw new ArgumentException($"Instrument {symbol} needs a base and a quote asset.");
        }

        if ((uint)priceScale > FixedPoint.MaxScale || (uint)quantityScale > FixedPoint.MaxScale)
        {
            throw new ArgumentOutOfRangeException(nameof(priceScale), $"Scales of {symbol} must be 0..{FixedPoint.MaxScale} (price {priceScale}, quantity {quantityScale}).");
        }

        Venue = venue;
        Symbol = symbol;
        Base = baseAsset;
        Quote = quoteAsset;
        PriceScale = priceScale;
        QuantityScale = quantityScale;
    }

    /// <summary>Dense id given by the <see cref="InstrumentCatalog"/> this instrument belongs to; -1 before it is added.</summary>
    public int Id { get; internal set; } = -1;

    public VenueId Venue { get; }

    /// <summary>The venue's own spelling, e.g. "BTCUSDT", "KRW-BTC".</summary>
    public string Symbol { get; }

    public Asset Base { get; }

    public Asset Quote { get; }

    /// <summary>Decimal places of a price (from the tick size).</summary>
    public int PriceScale { get; }

    /// <summary>Decimal places of a quantity (from the lot size).</summary>
    public int QuantityScale { get; }

    public decimal PriceToDecimal(long units) => FixedPoint.ToDecimal(units, PriceScale);

    public decimal QuantityToDecimal(long units) => FixedPoint.ToDecimal(units, QuantityScale);

    public string FormatPrice(long units) => FixedPoint.Format(units, PriceScale);

    public string FormatQuantity(long units) => FixedPoint.Format(units, QuantityScale);

    public override string ToString() => $"{Venue.Name()}:{Symbol}";
}
