namespace Arbiter.Core;

/// <summary>The exchanges Arbiter knows. Venue strings become this id at the adapter edge.</summary>
public enum VenueId : byte
{
    Binance = 0,
    Coinbase = 1,
    Bybit = 2,
    GateIo = 3,
    Upbit = 4,
    Bithumb = 5,
    Okx = 6,
    Kraken = 7,
}
