namespace Arbiter.Simulator;

/// <summary>A venue's true book of one symbol at one sequence: Binance update id <c>u</c>, or Upbit message timestamp (ms).</summary>
public sealed class TruthBook
{
    internal TruthBook(string symbol, long sequence, long timestampMicros, TruthLevel[] bids, TruthLevel[] asks)
    {
        Symbol = symbol;
        Sequence = sequence;
        TimestampMicros = timestampMicros;
        Bids = bids;
        Asks = asks;
    }

    /// <summary>Venue symbol: "BTCUSDT" or "KRW-BTC".</summary>
    public string Symbol { get; }

    /// <summary>Binance: the update id <c>u</c> after which the book is this (or a snapshot's lastUpdateId). Upbit: the message timestamp in ms; Bithumb: in µs. Kraken: the message timestamp in µs (the top 10 levels).</summary>
    public long Sequence { get; }

    /// <summary>Simulation time of the step that produced this version, unix microseconds.</summary>
    public long TimestampMicros { get; }

    /// <summary>Best (highest) first. A fresh copy: callers may keep or change it.</summary>
    public TruthLevel[] Bids { get; }

    /// <summary>Best (lowest) first. A fresh copy.</summary>
    public TruthLevel[] Asks { get; }

    /// <summary>True when the best bid is at or above the best ask.</summary>
    public bool IsCrossed => Bids.Length > 0 && Asks.Length > 0 && Bids[0].Price >= Asks[0].Price;
}
