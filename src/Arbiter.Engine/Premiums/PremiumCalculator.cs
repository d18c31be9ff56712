using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Computes premium matrices and tether premiums from the engine's books at the current rates (formulas: <see cref="PremiumCell"/>, <see cref="TetherPremium"/>).</summary>
internal static class PremiumCalculator
{
    /// <summary>The matrix of <paramref name="group"/>'s usable books; a pair is left out when <paramref name="isPairBlocked"/> says so (ticker collision).</summary>
    public static PremiumMatrix Matrix(Asset asset, AssetBooks group, long clock, Func<BookEntry, bool> usable, Func<BookEntry, BookEntry, bool> isPairBlocked)
    {
        var cells = new List<PremiumCell>();
        for (var i = 0; i < group.Count; i++)
        {
            var buy = group[i];
            if (!usable(buy) || buy.Book.Asks.IsEmpty)
            {
                continue;
            }

            for (var j = 0; j < group.Count; j++)
            {
                var sell = group[j];
                if (sell.Instrument.Venue == buy.Instrument.Venue || !usable(sell) || sell.Book.Bids.IsEmpty || isPairBlocked(buy, sell))
                {
                    continue;
                }

                if (TryCell(buy, sell, out var cell))
                {
                    cells.Add(cell);
                }
            }
        }

        return new PremiumMatrix(asset, clock, cells);
    }

    /// <summary>bid of <paramref name="sell"/> over ask of <paramref name="buy"/>, raw when the quotes match, else both in USD.</summary>
    public static bool TryCell(BookEntry buy, BookEntry sell, out PremiumCell cell)
    {
        var ask = FixedPoint.ToDecimal(buy.Book.Asks.BestPrice, buy.Instrument.PriceScale);
        var bid = FixedPoint.ToDecimal(sell.Book.Bids.BestPrice, sell.Instrument.PriceScale);
        PremiumKind kind;
        if (buy.Instrument.Quote == sell.Instrument.Quote)
        {
            kind = PremiumKind.Raw;
        }
        else if (!buy.Pricing.IsComparable || !sell.Pricing.IsComparable)
        {
            cell = null!;
            return false;
        }
        else
        {
            kind = buy.Quote == QuoteKind.Krw || sell.Quote == QuoteKind.Krw ? PremiumKind.Kimchi : PremiumKind.UsdLike;
            ask = buy.Pricing.Usd.ToUsd(ask);
            bid = sell.Pricing.Usd.ToUsd(bid);
        }

        cell = new PremiumCell(buy.Instrument, sell.Instrument, kind, Math.Round(((bid / ask) - 1m) * 10_000m, 4, MidpointRounding.ToEven));
        return true;
    }

    /// <summary>Tether premiums of the usable KRW-USDT books at <paramref name="usdKrw"/>.</summary>
    public static List<TetherPremium> Tether(IReadOnlyList<BookEntry> krwUsdtBooks, decimal usdKrw, Func<BookEntry, bool> usable)
    {
        var premiums = new List<TetherPremium>();
        foreach (var entry in krwUsdtBooks)
        {
            if (usable(entry) && entry.TryMid(out var mid))
            {
                premiums.Add(new TetherPremium(entry.Instrument, mid, Math.Round(((mid / usdKrw) - 1m) * 10_000m, 4, MidpointRounding.ToEven)));
            }
        }

        return premiums;
    }
}
