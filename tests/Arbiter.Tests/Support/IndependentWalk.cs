using Arbiter.Simulator;

namespace Arbiter.Tests.Support;

/// <summary>
/// A second, deliberately plain implementation of the depth walk over the simulator's truth levels (decimals), used
/// to check the engine's published numbers. It follows the formulas documented on the engine's DepthWalker, but
/// decides each step in decimal rather than double and shares no code with the engine.
/// </summary>
internal static class IndependentWalk
{
    public sealed record Result(decimal Size, int BuyLevels, int SellLevels, decimal GrossUsd, decimal NetUsd, decimal NetBps, decimal AverageBuy, decimal AverageSell);

    /// <param name="asks">Buy venue asks, best (lowest) first.</param>
    /// <param name="bids">Sell venue bids, best (highest) first.</param>
    /// <param name="buyToUsd">Converts an amount in the buy venue's quote currency to USD.</param>
    /// <param name="sellToUsd">Same for the sell venue.</param>
    public static Result Walk(TruthLevel[] asks, TruthLevel[] bids, Func<decimal, decimal> buyToUsd, Func<decimal, decimal> sellToUsd, decimal buyFee, decimal sellFee)
    {
        int i = 0, j = 0, buyLevels = 0, sellLevels = 0;
        decimal size = 0, buyCost = 0, sellProceeds = 0;
        var remainingAsk = asks.Length > 0 ? asks[0].Quantity : 0;
        var remainingBid = bids.Length > 0 ? bids[0].Quantity : 0;
        while (i < asks.Length && j < bids.Length)
        {
            var sellsFor = sellToUsd(bids[j].Price) * (1 - sellFee);
            var costs = buyToUsd(asks[i].Price) * (1 + buyFee);
            if (sellsFor <= costs)
            {
                break;
            }

            var q = Math.Min(remainingAsk, remainingBid);
            buyLevels = i + 1;
            sellLevels = j + 1;
            size += q;
            buyCost += asks[i].Price * q;
            sellProceeds += bids[j].Price * q;
            remainingAsk -= q;
            remainingBid -= q;
            if (remainingAsk == 0 && ++i < asks.Length)
            {
                remainingAsk = asks[i].Quantity;
            }

            if (remainingBid == 0 && ++j < bids.Length)
            {
                remainingBid = bids[j].Quantity;
            }
        }

        if (size == 0)
        {
            return new Result(0, 0, 0, 0, 0, 0, 0, 0);
        }

        var buyUsd = buyToUsd(buyCost);
        var sellUsd = sellToUsd(sellProceeds);
        var buyWithFee = buyUsd * (1 + buyFee);
        var net = (sellUsd * (1 - sellFee)) - buyWithFee;
        return new Result(
            size,
            buyLevels,
            sellLevels,
            Math.Round(sellUsd - buyUsd, 8, MidpointRounding.ToEven),
            Math.Round(net, 8, MidpointRounding.ToEven),
            Math.Round(net / buyWithFee * 10_000m, 4, MidpointRounding.ToEven),
            Math.Round(buyCost / size, 12, MidpointRounding.ToEven),
            Math.Round(sellProceeds / size, 12, MidpointRounding.ToEven));
    }
}
