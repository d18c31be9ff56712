namespace Arbiter.Venues.Coinbase;

/// <summary>The fields of an l2_data update that <see cref="CoinbaseParser"/> acts on.</summary>
internal enum UpdateField : byte
{
    Other = 0,
    Side,
    PriceLevel,
    NewQuantity,
}
