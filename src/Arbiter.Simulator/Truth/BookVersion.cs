using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>An immutable version of a book as a venue published it: levels in fixed-point units at the book's scales.</summary>
internal sealed class BookVersion
{
    public BookVersion(long sequence, long timestampMicros, Level[] bids, Level[] asks, int priceScale, int quantityScale)
    {
        Sequence = sequence;
        TimestampMicros = timestampMicros;
        Bids = bids;
        Asks = asks;
        PriceScale = priceScale;
        QuantityScale = quantityScale;
    }

    public long Sequence { get; }

    public long TimestampMicros { get; }

    /// <summary>Best first; never mutated after construction.</summary>
    public Level[] Bids { get; }

    /// <summary>Best first; never mutated after construction.</summary>
    public Level[] Asks { get; }

    public int PriceScale { get; }

    public int QuantityScale { get; }

    public bool IsCrossed => Bids.Length > 0 && Asks.Length > 0 && Bids[0].Price >= Asks[0].Price;

    /// <summary>The book a client holds after this version: a level sent with size 0 (Bithumb prints a size below its last decimal as 0) is no level.</summary>
    public TruthBook ToTruth(string symbol) => new(symbol, Sequence, TimestampMicros, ToDecimals(Bids), ToDecimals(Asks));

    /// <summary>The levels with a positive quantity, as exact decimals.</summary>
    public TruthLevel[] ToDecimals(Level[] levels)
    {
        var result = new List<TruthLevel>(levels.Length);
        foreach (var level in levels)
        {
            if (level.Quantity != 0)
            {
                result.Add(new TruthLevel(FixedPoint.ToDecimal(level.Price, PriceScale), FixedPoint.ToDecimal(level.Quantity, QuantityScale)));
            }
        }

        return [.. result];
    }
}
