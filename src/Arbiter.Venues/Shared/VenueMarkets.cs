using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>A venue's parsed market list and the instruments Arbiter watches on it, with a lookup from a frame's symbol bytes to the instrument.</summary>
public sealed class VenueMarkets
{
    public VenueMarkets(MarketList markets, Instrument[] instruments)
    {
        Markets = markets ?? throw new ArgumentNullException(nameof(markets));
        Instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        BySymbol = new Utf8SymbolMap<Instrument>();
        foreach (var instrument in instruments)
        {
            BySymbol.Set(instrument.Symbol, instrument);
        }
    }

    /// <summary>Every tradable market of the list (symbol → base, quote).</summary>
    public MarketList Markets { get; }

    /// <summary>The watched instruments, registered in the catalog, in configuration order.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The venue's spelling as it appears in frames ("BTCUSDT", "KRW-BTC") → instrument.</summary>
    public Utf8SymbolMap<Instrument> BySymbol { get; }
}
