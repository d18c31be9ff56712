using System.Diagnostics;
using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// Sizes a buy-here/sell-there gap by walking the buy book's asks upward and the sell book's bids downward while the
/// next bid, after fee and FX, still pays more than the next ask costs.
/// </summary>
/// <remarks>
/// <para>
/// <b>Approximate pass</b> (<see cref="Walk"/>, on every evaluation whose tops cross): quantities are exact
/// <see cref="long"/> units at the larger of the two instruments' quantity scales; money is <see cref="double"/>,
/// which DESIGN §4 allows for cross-venue comparison after FX conversion. Each step takes
/// q = min(remaining quantity of the current ask level, remaining quantity of the current bid level) while
/// bid × usd(Y) × (1 − fee(Y)) &gt; ask × usd(X) × (1 + fee(X)). The walk stops at the first level pair that fails that test,
/// or when either side runs out. The test is made in double, except within <see cref="TieMargin"/> of equality, where double
/// rounding could take an exact break-even for a gain: there it is made exactly, in decimal (toUsd(bid) × (1 − feeY) &gt;
/// toUsd(ask) × (1 + feeX)), so a level that gains nothing is never taken. Levels consumed = levels touched on each side, the last one possibly partly.
/// </para>
/// <para>
/// <b>Exact pass</b> (<see cref="Price"/>, only when an event is published), in <see cref="decimal"/> over the same
/// consumed levels, q_i being the quantity taken from level i:
/// <code>
/// Size               = Σ q_i                                 (exact, at the larger quantity scale)
/// buyCostQuote       = Σ askPrice_i × q_i                    (buy instrument's quote currency)
/// sellProceedsQuote  = Σ bidPrice_i × q_i                    (sell instrument's quote currency)
/// toUsd(x)           = x (USD) | x × UsdtUsd (USDT) | x × UsdcUsd (USDC) | x ÷ UsdKrw (KRW)
/// buyUsd             = toUsd_X(buyCostQuote);  sellUsd = toUsd_Y(sellProceedsQuote)
/// buyWithFeeUsd      = buyUsd × (1 + feeX);    sellAfterFeeUsd = sellUsd × (1 − feeY)
/// net                = sellAfterFeeUsd − buyWithFeeUsd
/// GrossProfitUsd     = round(sellUsd − buyUsd, 8)
/// NetProfitUsd       = round(net, 8)
/// NetPremiumBps      = round(net ÷ buyWithFeeUsd × 10000, 4)     (from the unrounded net)
/// AverageBuyPrice    = round(buyCostQuote ÷ Size, 12)
/// AverageSellPrice   = round(sellProceedsQuote ÷ Size, 12)
/// BuyFills/SellFills = (price_i, q_i) of each consumed level, in walk order
/// </code>
/// round(x, n) is <see cref="Math.Round(decimal, int, MidpointRounding)"/> with <see cref="MidpointRounding.ToEven"/>;
/// operations are evaluated left to right as written, each an ordinary C# decimal operation.
/// </para>
/// <para>
/// Overflow: a level quantity rescaled to the common scale, and the running size, are capped at
/// <see cref="MaxSizeUnits"/> (the walk stops there); walks whose quote notional reaches
/// <see cref="DepthWalk.MaxExactNotional"/> are not priced, so no decimal operation can overflow.
/// </para>
/// </remarks>
internal static class DepthWalker
{
    /// <summary>Cap of the walked size in units at the common quantity scale (half of <see cref="long.MaxValue"/>, so sums cannot overflow).</summary>
    public const long MaxSizeUnits = long.MaxValue / 2;

    /// <summary>Relative distance from a tie within which the double comparison is not trusted (double products err by ~1e-16).</summary>
    private const double TieMargin = 1e-9;

    /// <summary>The approximate pass: size, levels and double money values of buying on <paramref name="buyBook"/> and selling on <paramref name="sellBook"/>.</summary>
    public static DepthWalk Walk(OrderBook buyBook, in LegPricing buy, OrderBook sellBook, in LegPricing sell)
    {
        var asks = buyBook.Asks;
        var bids = sellBook.Bids;
        var scale = Math.Max(buyBook.Instrument.QuantityScale, sellBook.Instrument.QuantityScale);
        if (asks.IsEmpty || bids.IsEmpty)
        {
            return new DepthWalk { QuantityScale = scale };
        }

        var askFactor = FixedPoint.Pow10(scale - buyBook.Instrument.QuantityScale);
        var bidFactor = FixedPoint.Pow10(scale - sellBook.Instrument.QuantityScale);
        var quantityPerUnit = 1.0 / FixedPoint.Pow10(scale);

        var askIndex = 0;
        var bidIndex = 0;
        var askScale = buyBook.Instrument.PriceScale;
        var bidScale = sellBook.Instrument.PriceScale;
        double askPrice = asks.PriceAt(0);
        double bidPrice = bids.PriceAt(0);
        var askLeft = Rescale(asks.QuantityAt(0), askFactor);
        var bidLeft = Rescale(bids.QuantityAt(0), bidFactor);
        var askTouched = false;
        var bidTouched = false;

        long size = 0;
        double gross = 0;
        double net = 0;
        double buyCostWithFee = 0;
        double buyQuote = 0;
        double sellQuote = 0;
        while (Gains(bids.PriceAt(bidIndex), bidPrice, bidScale, sell, asks.PriceAt(askIndex), askPrice, askScale, buy))
        {
            var q = Math.Min(askLeft, bidLeft);
            var room = MaxSizeUnits - size;
            var capped = q >= room;
            if (capped)
            {
                q = room;
            }

            if (q <= 0)
            {
                break; // the cap is reached (or a level holds no positive quantity, which a book never should)
            }

            var quantity = q * quantityPerUnit;
            size += q;
            askTouched = true;
            bidTouched = true;
            gross += quantity * ((bidPrice * sell.UsdPerPriceUnit) - (askPrice * buy.UsdPerPriceUnit));
            net += quantity * ((bidPrice * sell.SellUsdPerPriceUnit) - (askPrice * buy.BuyUsdPerPriceUnit));
            buyCostWithFee += quantity * askPrice * buy.BuyUsdPerPriceUnit;
            buyQuote += quantity * askPrice * buy.QuotePerPriceUnit;
            sellQuote += quantity * bidPrice * sell.QuotePerPriceUnit;
            askLeft -= q;
            bidLeft -= q;
            if (capped)
            {
                break;
            }

            if (askLeft == 0)
            {
                if (++askIndex == asks.Count)
                {
                    break;
                }

                askTouched = false;
                askPrice = asks.PriceAt(askIndex);
                askLeft = Rescale(asks.QuantityAt(askIndex), askFactor);
            }

            if (bidLeft == 0)
            {
                if (++bidIndex == bids.Count)
                {
                    break;
                }

                bidTouched = false;
                bidPrice = bids.PriceAt(bidIndex);
                bidLeft = Rescale(bids.QuantityAt(bidIndex), bidFactor);
            }
        }

        // An index that ran past the end already counts its fully consumed last level.
        var buyLevels = askIndex == asks.Count ? askIndex : askIndex + (askTouched ? 1 : 0);
        var sellLevels = bidIndex == bids.Count ? bidIndex : bidIndex + (bidTouched ? 1 : 0);
        return new DepthWalk(size, scale, buyLevels, sellLevels, size * quantityPerUnit, gross, net, buyCostWithFee, buyQuote, sellQuote);
    }

    /// <summary>True when the bid, after fee and FX, pays more than the ask costs (see the remarks for the near-tie case).</summary>
    private static bool Gains(long bidUnits, double bidPrice, int bidScale, in LegPricing sell, long askUnits, double askPrice, int askScale, in LegPricing buy)
    {
        var pays = bidPrice * sell.SellUsdPerPriceUnit;
        var costs = askPrice * buy.BuyUsdPerPriceUnit;
        if (pays > costs * (1 + TieMargin))
        {
            return true;
        }

        if (pays < costs * (1 - TieMargin))
        {
            return false;
        }

        return sell.Usd.ToUsd(FixedPoint.ToDecimal(bidUnits, bidScale)) * (1m - sell.FeeRate)
            > buy.Usd.ToUsd(FixedPoint.ToDecimal(askUnits, askScale)) * (1m + buy.FeeRate);
    }

    /// <summary>The exact pass over the levels <paramref name="walk"/> consumed; the formulas are in the type's remarks.</summary>
    public static OpportunityValues Price(OrderBook buyBook, in LegPricing buy, OrderBook sellBook, in LegPricing sell, in DepthWalk walk)
    {
        var scale = walk.QuantityScale;
        var buyCostQuote = SumNotional(buyBook.Asks, walk.BuyLevels, FixedPoint.Pow10(scale - buyBook.Instrument.QuantityScale), walk.SizeUnits, buyBook.Instrument.PriceScale, scale);
        var sellProceedsQuote = SumNotional(sellBook.Bids, walk.SellLevels, FixedPoint.Pow10(scale - sellBook.Instrument.QuantityScale), walk.SizeUnits, sellBook.Instrument.PriceScale, scale);
        var size = FixedPoint.ToDecimal(walk.SizeUnits, scale);

        var buyUsd = buy.Usd.ToUsd(buyCostQuote);
        var sellUsd = sell.Usd.ToUsd(sellProceedsQuote);
        var buyWithFeeUsd = buyUsd * (1m + buy.FeeRate);
        var sellAfterFeeUsd = sellUsd * (1m - sell.FeeRate);
        var net = sellAfterFeeUsd - buyWithFeeUsd;
        return new OpportunityValues(
            size,
            walk.BuyLevels,
            walk.SellLevels,
            Math.Round(buyCostQuote / size, 12, MidpointRounding.ToEven),
            Math.Round(sellProceedsQuote / size, 12, MidpointRounding.ToEven),
            Math.Round(sellUsd - buyUsd, 8, MidpointRounding.ToEven),
            Math.Round(net, 8, MidpointRounding.ToEven),
            Math.Round(net / buyWithFeeUsd * 10_000m, 4, MidpointRounding.ToEven),
            net,
            buyWithFeeUsd,
            Fills(buyBook.Asks, walk.BuyLevels, FixedPoint.Pow10(scale - buyBook.Instrument.QuantityScale), walk.SizeUnits, buyBook.Instrument.PriceScale, scale),
            Fills(sellBook.Bids, walk.SellLevels, FixedPoint.Pow10(scale - sellBook.Instrument.QuantityScale), walk.SizeUnits, sellBook.Instrument.PriceScale, scale));
    }

    /// <summary>The consumed levels of one side with the quantity taken from each (the same q_i as <see cref="SumNotional"/>).</summary>
    private static LevelFills Fills(BookSide side, int levels, long factor, long sizeUnits, int priceScale, int quantityScale)
    {
        var fills = new LevelFill[levels];
        var remaining = sizeUnits;
        for (var i = 0; i < levels; i++)
        {
            var q = Math.Min(Rescale(side.QuantityAt(i), factor), remaining);
            fills[i] = new LevelFill(FixedPoint.ToDecimal(side.PriceAt(i), priceScale), FixedPoint.ToDecimal(q, quantityScale));
            remaining -= q;
        }

        return new LevelFills(fills);
    }

    /// <summary>
    /// Σ price × quantity over the consumed levels. The products are summed exactly as <see cref="Int128"/> units at
    /// scale priceScale + quantityScale and turned into one decimal at the end, which is exact and far cheaper than a
    /// decimal multiply per level; the decimal loop remains for the rare sum that does not fit a decimal's 96 bits.
    /// </summary>
    private static decimal SumNotional(BookSide side, int levels, long factor, long sizeUnits, int priceScale, int quantityScale)
    {
        var remaining = sizeUnits;
        Int128 units = 0;
        for (var i = 0; i < levels; i++)
        {
            var q = Math.Min(Rescale(side.QuantityAt(i), factor), remaining);
            units += (Int128)side.PriceAt(i) * q;
            remaining -= q;
        }

        Debug.Assert(remaining == 0, "The consumed levels hold exactly the walked size.");
        return TryToDecimal(units, priceScale + quantityScale, out var sum)
            ? sum
            : SumNotionalDecimal(side, levels, factor, sizeUnits, priceScale, quantityScale);
    }

    private static decimal SumNotionalDecimal(BookSide side, int levels, long factor, long sizeUnits, int priceScale, int quantityScale)
    {
        var remaining = sizeUnits;
        var sum = 0m;
        for (var i = 0; i < levels; i++)
        {
            var q = Math.Min(Rescale(side.QuantityAt(i), factor), remaining);
            sum += FixedPoint.ToDecimal(side.PriceAt(i), priceScale) * FixedPoint.ToDecimal(q, quantityScale);
            remaining -= q;
        }

        return sum;
    }

    /// <summary>units / 10^scale as a decimal, exactly, when the mantissa fits 96 bits and the scale 28 digits (trailing zeros are shed first).</summary>
    internal static bool TryToDecimal(Int128 units, int scale, out decimal value)
    {
        var max = (Int128.One << 96) - 1;
        while ((units > max || scale > 28) && scale > 0 && units % 10 == 0)
        {
            units /= 10;
            scale--;
        }

        if (units < 0 || units > max || scale > 28)
        {
            value = 0m;
            return false;
        }

        var bits = (UInt128)units;
        value = new decimal((int)(uint)bits, (int)(uint)(bits >> 32), (int)(uint)(bits >> 64), false, (byte)scale);
        return true;
    }

    internal static long Rescale(long units, long factor) => units > MaxSizeUnits / factor ? MaxSizeUnits : units * factor;
}
