using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Tests.Alerts;

/// <summary>Opportunities and their events for the alert tests: BTC bought on Binance (BTCUSDT), sold on Upbit (KRW-BTC).</summary>
internal static class AlertFixtures
{
    public const string Token = "123456789:CANARY-BOT-TOKEN-aBcDeFgHiJkLmNoPqRsT";

    public static readonly DateTimeOffset Start = new(2026, 11, 21, 14, 0, 0, TimeSpan.Zero);

    public static readonly long T0 = UnixMicros.FromDateTimeOffset(Start);

    public static readonly Instrument BinanceBtc = new(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);

    public static readonly Instrument UpbitBtc = new(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8);

    public static readonly Instrument BybitEth = new(VenueId.Bybit, "ETHUSDT", Asset.Of("ETH"), Asset.Usdt, 2, 5);

    public static readonly Instrument KrakenEth = new(VenueId.Kraken, "ETH/USD", Asset.Of("ETH"), Asset.Usd, 2, 8);

    public static Opportunity Opportunity(long id, decimal bps, decimal netUsd, TransferQuote? transfer = null, Instrument? buy = null, Instrument? sell = null) => new()
    {
        Id = id,
        Asset = (buy ?? BinanceBtc).Base,
        Buy = buy ?? BinanceBtc,
        Sell = sell ?? UpbitBtc,
        Size = 0.5m,
        AverageBuyPrice = 97_000m,
        AverageSellPrice = 142_000_000m,
        BuyLevels = 2,
        SellLevels = 1,
        GrossProfitUsd = netUsd + 10m,
        NetProfitUsd = netUsd,
        NetPremiumBps = bps,
        BuyFeeRate = 0.001m,
        SellFeeRate = 0.0005m,
        BuySequence = 1,
        SellSequence = 2,
        FirstSeen = T0,
        LastUpdated = T0,
        PeakNetProfitUsd = netUsd,
        PeakNetPremiumBps = bps,
        Transfer = transfer ?? TransferQuote.None("no-route"),
    };

    public static OpportunityEvent Opened(Opportunity o) => new(OpportunityEventKind.Opened, o.LastUpdated, o, null);

    public static OpportunityEvent Updated(Opportunity o) => new(OpportunityEventKind.Updated, o.LastUpdated, o, null);

    public static OpportunityEvent Closed(Opportunity o) => new(OpportunityEventKind.Closed, o.LastUpdated, o, "gone");

    public static TransferQuote Route => new(true, null, "BTC", 0.0002m, 19.4m, 600.6m, 61.2m, 0.01m);

    public static Task WaitUntilAsync(Func<bool> condition, string what) => Support.RecordingEventSink.WaitUntilAsync(condition, what);
}
