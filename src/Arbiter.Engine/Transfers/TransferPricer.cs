using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>The transfer-mode values of a priced walk (formulas: <see cref="TransferQuote"/>), exactly in decimal.</summary>
internal static class TransferPricer
{
    public static TransferQuote Quote(in TransferRoute route, OrderBook buyBook, in LegPricing buy, OrderBook sellBook, in LegPricing sell, in DepthWalk walk, in OpportunityValues values)
    {
        if (route.Unavailable is { } reason)
        {
            return TransferQuote.None(reason);
        }

        // A coin lost to the fee is a coin not sold: valued at the sell leg's best bid after its taker fee.
        var bestBid = FixedPoint.ToDecimal(sellBook.Bids.PriceAt(0), sellBook.Instrument.PriceScale);
        var coinUsd = sell.Usd.ToUsd(bestBid) * (1m - sell.FeeRate);
        var feeUsd = route.Fee * coinUsd;
        var net = values.UnroundedNetUsd - feeUsd;
        var minimum = MinProfitableSize(buyBook, buy, sellBook, sell, walk, feeUsd);
        if (minimum is { } size && route.Minimum is { } withdrawMin && withdrawMin > size)
        {
            minimum = withdrawMin <= values.Size ? withdrawMin : null;
        }

        return new TransferQuote(
            true,
            null,
            route.Network,
            route.Fee,
            Math.Round(feeUsd, 8, MidpointRounding.ToEven),
            Math.Round(net, 8, MidpointRounding.ToEven),
            Math.Round(net / values.BuyWithFeeUsd * 10_000m, 4, MidpointRounding.ToEven),
            minimum);
    }

    /// <summary>
    /// The smallest size, at the walk's quantity scale, whose inventory net exceeds <paramref name="feeUsd"/>: the walk's
    /// level pairs are replayed, each adding margin × quantity, and the crossing point is solved within its pair and
    /// moved up to the next whole unit; null when the whole walk does not cover the fee.
    /// </summary>
    private static decimal? MinProfitableSize(OrderBook buyBook, in LegPricing buy, OrderBook sellBook, in LegPricing sell, in DepthWalk walk, decimal feeUsd)
    {
        var scale = walk.QuantityScale;
        var asks = buyBook.Asks;
        var bids = sellBook.Bids;
        var askFactor = FixedPoint.Pow10(scale - buyBook.Instrument.QuantityScale);
        var bidFactor = FixedPoint.Pow10(scale - sellBook.Instrument.QuantityScale);
        var askIndex = 0;
        var bidIndex = 0;
        var askLeft = DepthWalker.Rescale(asks.QuantityAt(0), askFactor);
        var bidLeft = DepthWalker.Rescale(bids.QuantityAt(0), bidFactor);
        long done = 0;
        var net = 0m;
        while (done < walk.SizeUnits)
        {
            var q = Math.Min(Math.Min(askLeft, bidLeft), walk.SizeUnits - done);
            var ask = FixedPoint.ToDecimal(asks.PriceAt(askIndex), buyBook.Instrument.PriceScale);
            var bid = FixedPoint.ToDecimal(bids.PriceAt(bidIndex), sellBook.Instrument.PriceScale);
            var margin = (sell.Usd.ToUsd(bid) * (1m - sell.FeeRate)) - (buy.Usd.ToUsd(ask) * (1m + buy.FeeRate));
            var quantity = FixedPoint.ToDecimal(q, scale);
            if (margin > 0m && net + (margin * quantity) > feeUsd)
            {
                // net(s) = net + margin × (s − done) crosses the fee inside this pair: the first whole unit past it.
                var crossing = FixedPoint.ToDecimal(done, scale) + ((feeUsd - net) / margin);
                var unit = FixedPoint.ToDecimal(1, scale);
                var units = decimal.Floor(crossing / unit);
                return (units * unit) + unit;
            }

            net += margin * quantity;
            done += q;
            askLeft -= q;
            bidLeft -= q;
            if (askLeft == 0 && ++askIndex < asks.Count)
            {
                askLeft = DepthWalker.Rescale(asks.QuantityAt(askIndex), askFactor);
            }

            if (bidLeft == 0 && ++bidIndex < bids.Count)
            {
                bidLeft = DepthWalker.Rescale(bids.QuantityAt(bidIndex), bidFactor);
            }
        }

        return null;
    }
}
