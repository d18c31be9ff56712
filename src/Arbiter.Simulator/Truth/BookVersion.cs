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

    public TruthBook ToTruth(string symbol) => new(symbol, Sequence, TimestampMicros, ToDecimals(Bids), ToDecimals(Asks));

    public TruthLevel[] ToDecimals(Level[] levels)
    {
        var result = new TruthLevel[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            result[i] = new TruthLevel(FixedPoint.ToDecimal(levels[i].Price, PriceScale), FixedPoint.ToDecimal(levels[i].Quantity, QuantityScale));
        }

        return result;
    }
}
