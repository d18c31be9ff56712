using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>The data-quality checks of one book update (see <see cref="QualityOptions"/>), in the order their reasons are reported.</summary>
internal sealed class QualityChecks
{
    private readonly long maxLagMicros;
    private readonly double maxSpread;
    private readonly double maxDeviation;
    private readonly double[] others = new double[64];

    public QualityChecks(QualityOptions options)
    {
        maxLagMicros = options.MaxExchangeLag.Ticks / TimeSpan.TicksPerMicrosecond;
        maxSpread = (double)options.MaxSpread;
        maxDeviation = (double)options.MaxDeviation;
    }

    /// <summary>
    /// Checks <paramref name="entry"/>'s top after an update (the price checks only when the top moved, the exchange-time
    /// check on every update) received at <paramref name="receiveTime"/> with exchange time
    /// <paramref name="exchangeTime"/> (0 = none). The bounds check compares, in USD and in double (DESIGN §4), with the median
    /// mid of at least two other venues' Synced, unrejected, convertible books of <paramref name="group"/>.
    /// </summary>
    public QualityReason Check(BookEntry entry, long exchangeTime, long receiveTime, AssetBooks? group, long clock)
    {
        var book = entry.Book;
        if (book.Bids.IsEmpty || book.Asks.IsEmpty)
        {
            // No top to judge: a one-sided book is never compared anyway.
            return QualityReason.None;
        }

        var bid = book.Bids.BestPrice;
        var ask = book.Asks.BestPrice;

        // The price checks judge the top: an update below it (most deltas) keeps the verdict of the last top checked.
        if (bid != entry.CheckedBid || ask != entry.CheckedAsk)
        {
            entry.CheckedBid = bid;
            entry.CheckedAsk = ask;
            entry.TopVerdict = CheckTop(entry, bid, ask, group, clock);
        }

        if (entry.TopVerdict != QualityReason.None)
        {
            return entry.TopVerdict;
        }

        return maxLagMicros > 0 && exchangeTime > 0 && receiveTime - exchangeTime > maxLagMicros ? QualityReason.ExchangeTimeTooOld : QualityReason.None;
    }

    private QualityReason CheckTop(BookEntry entry, long bid, long ask, AssetBooks? group, long clock)
    {
        if (bid <= 0 || ask <= 0)
        {
            return QualityReason.NonPositivePrice;
        }

        if (bid >= ask)
        {
            return QualityReason.Crossed;
        }

        var mid = (bid + (double)ask) / 2.0;
        if ((ask - (double)bid) / mid > maxSpread)
        {
            return QualityReason.WideSpread;
        }

        return group is not null && IsOutsideBounds(entry, mid, group, clock) ? QualityReason.OutsideBounds : QualityReason.None;
    }

    private bool IsOutsideBounds(BookEntry entry, double mid, AssetBooks group, long clock)
    {
        if (!entry.Pricing.IsComparable)
        {
            return false;
        }

        var count = 0;
        for (var i = 0; i < group.Count && count < others.Length; i++)
        {
            var other = group[i];
            if (other.Instrument.Venue == entry.Instrument.Venue
                || !other.Pricing.IsComparable
                || other.Rejection != QualityReason.None
                || !other.IsSyncedAt(clock)
                || other.Book.Bids.IsEmpty
                || other.Book.Asks.IsEmpty)
            {
                continue;
            }

            var otherMid = (other.Book.Bids.BestPrice + (double)other.Book.Asks.BestPrice) / 2.0;
            others[count++] = otherMid * other.Pricing.UsdPerPriceUnit;
        }

        if (count < 2)
        {
            return false; // with fewer than two others there is no telling which side is wrong
        }

        var span = others.AsSpan(0, count);
        span.Sort();
        var median = count % 2 == 1 ? span[count / 2] : (span[(count / 2) - 1] + span[count / 2]) / 2.0;
        var usd = mid * entry.Pricing.UsdPerPriceUnit;
        return Math.Abs((usd / median) - 1.0) > maxDeviation;
    }
}
