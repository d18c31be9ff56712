using Arbiter.Core;

namespace Arbiter.Benchmarks.Engine;

/// <summary>
/// The in-run baseline of <see cref="DetectionBenchmarks"/>: what a straightforward implementation does on each book
/// change — LINQ over decimal levels, sorting each side on every evaluation, walking every ordered pair that involves the
/// changed venue, and returning the best one. Same inputs, fees, FX and minimum profit as the engine; no lifecycle tracking.
/// </summary>
internal sealed class NaiveDetector
{
    private readonly List<NaiveBook> books = [];
    private readonly decimal minNetProfitUsd;

    public NaiveDetector(decimal minNetProfitUsd) => this.minNetProfitUsd = minNetProfitUsd;

    public void Add(NaiveBook book) => books.Add(book);

    public NaiveBook Book(VenueId venue) => books.First(b => b.Venue == venue);

    /// <summary>Sets a level; quantity 0 removes it.</summary>
    public void Apply(VenueId venue, Side side, decimal price, decimal quantity)
    {
        var book = Book(venue);
        var levels = side == Side.Bid ? book.Bids : book.Asks;
        var index = levels.FindIndex(l => l.Price == price);
        if (quantity == 0m)
        {
            if (index >= 0)
            {
                levels.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            levels[index] = (price, quantity);
        }
        else
        {
            levels.Add((price, quantity));
        }
    }

    /// <summary>The most profitable ordered pair involving <paramref name="changed"/>, or null when none clears the minimum.</summary>
    public NaiveOpportunity? Best(VenueId changed)
    {
        var book = Book(changed);
        return books
            .Where(other => other.Venue != changed)
            .SelectMany(other => new[] { Walk(book, other), Walk(other, book) })
            .Where(o => o is not null && o.NetUsd >= minNetProfitUsd && o.NetPremiumBps >= 0m)
            .MaxBy(o => o!.NetUsd);
    }

    private static NaiveOpportunity? Walk(NaiveBook buy, NaiveBook sell)
    {
        var asks = buy.Asks.OrderBy(l => l.Price).ToList();
        var bids = sell.Bids.OrderByDescending(l => l.Price).ToList();
        if (asks.Count == 0 || bids.Count == 0)
        {
            return null;
        }

        int i = 0, j = 0;
        var askLeft = asks[0].Quantity;
        var bidLeft = bids[0].Quantity;
        decimal size = 0m, buyQuote = 0m, sellQuote = 0m;
        while (sell.ToUsd(bids[j].Price) * (1m - sell.FeeRate) > buy.ToUsd(asks[i].Price) * (1m + buy.FeeRate))
        {
            var q = Math.Min(askLeft, bidLeft);
            size += q;
            buyQuote += asks[i].Price * q;
            sellQuote += bids[j].Price * q;
            askLeft -= q;
            bidLeft -= q;
            if (askLeft == 0m)
            {
                if (++i == asks.Count)
                {
                    break;
                }

                askLeft = asks[i].Quantity;
            }

            if (bidLeft == 0m)
            {
                if (++j == bids.Count)
                {
                    break;
                }

                bidLeft = bids[j].Quantity;
            }
        }

        if (size == 0m)
        {
            return null;
        }

        var buyWithFeeUsd = buy.ToUsd(buyQuote) * (1m + buy.FeeRate);
        var sellAfterFeeUsd = sell.ToUsd(sellQuote) * (1m - sell.FeeRate);
        var net = sellAfterFeeUsd - buyWithFeeUsd;
        var buyLevels = i == asks.Count ? i : i + (askLeft < asks[i].Quantity ? 1 : 0);
        var sellLevels = j == bids.Count ? j : j + (bidLeft < bids[j].Quantity ? 1 : 0);
        return new NaiveOpportunity(buy.Venue, sell.Venue, size, buyLevels, sellLevels, net, net / buyWithFeeUsd * 10_000m);
    }
}
