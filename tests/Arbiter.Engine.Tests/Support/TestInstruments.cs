using Arbiter.Core;

namespace Arbiter.Engine.Tests;

/// <summary>Instruments with the real venues' symbols and scales, registered in a fresh catalog so that they have ids.</summary>
internal sealed class TestInstruments
{
    public TestInstruments()
    {
        // Binance BTCUSDT: tick 0.01, lot 0.00001.
        BinanceBtcUsdt = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5));

        // Upbit KRW-BTC: whole won, 8 decimals of BTC.
        UpbitKrwBtc = Catalog.Add(new Instrument(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8));

        // Bybit BTCUSDT: tick 0.01, lot 0.000001.
        BybitBtcUsdt = Catalog.Add(new Instrument(VenueId.Bybit, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 6));

        // Binance PEPEUSDT: price 0.0000012345 at scale 10, whole coins.
        BinancePepeUsdt = Catalog.Add(new Instrument(VenueId.Binance, "PEPEUSDT", Pepe, Asset.Usdt, 10, 0));

        // Gate.io PEPE_USDT: scale 10 prices, 2 decimals of quantity.
        GateIoPepeUsdt = Catalog.Add(new Instrument(VenueId.GateIo, "PEPE_USDT", Pepe, Asset.Usdt, 10, 2));

        // Kraken BTC/EUR: a quote without a USD rate, never compared.
        KrakenBtcEur = Catalog.Add(new Instrument(VenueId.Kraken, "BTC/EUR", Asset.Btc, Asset.Of("EUR"), 1, 8));

        // Binance BTCUSDC: same venue as BTCUSDT, so never paired with it.
        BinanceBtcUsdc = Catalog.Add(new Instrument(VenueId.Binance, "BTCUSDC", Asset.Btc, Asset.Usdc, 2, 5));
    }

    public static Asset Pepe { get; } = Asset.Of("PEPE");

    public InstrumentCatalog Catalog { get; } = new();

    public Instrument BinanceBtcUsdt { get; }

    public Instrument UpbitKrwBtc { get; }

    public Instrument BybitBtcUsdt { get; }

    public Instrument BinancePepeUsdt { get; }

    public Instrument GateIoPepeUsdt { get; }

    public Instrument KrakenBtcEur { get; }

    public Instrument BinanceBtcUsdc { get; }
}
