namespace Arbiter.Venues.Binance;

/// <summary>The property names <see cref="BinanceParser"/> acts on.</summary>
internal enum BinanceProperty : byte
{
    Other = 0,
    EventType,
    EventTime,
    Symbol,
    FirstUpdateId,
    FinalUpdateId,
    Bids,
    Asks,
    Data,
    Result,
    Id,
    Error,
}
