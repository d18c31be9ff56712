using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Storage;

namespace Arbiter.Tests.Storage;

/// <summary>A temporary directory for one test's database files, deleted at the end; and builders of engine outputs.</summary>
internal sealed class StoreFixtures : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 13, 0, 0, TimeSpan.Zero);
    public static readonly long T0 = UnixMicros.FromDateTimeOffset(Start);
    public static readonly Instrument BinanceBtc = new(VenueId.Binance, "BTCUSDT", Asset.Btc, Asset.Usdt, 2, 5);
    public static readonly Instrument UpbitBtc = new(VenueId.Upbit, "KRW-BTC", Asset.Btc, Asset.Krw, 0, 8);
    public static readonly Instrument CoinbaseEth = new(VenueId.Coinbase, "ETH-USD", Asset.Of("ETH"), Asset.Usd, 2, 8);
    public static readonly Instrument KrakenEth = new(VenueId.Kraken, "ETH/USD", Asset.Of("ETH"), Asset.Usd, 2, 8);

    public StoreFixtures()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "arbiter-store-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public ManualTimeProvider Clock { get; } = new(Start);

    public string PathOf(string name = "arbiter.db") => System.IO.Path.Combine(Directory, name);

    public StorageOptions Options(string name = "arbiter.db") => new() { Path = PathOf(name) };

    public SqliteStore Open(StorageOptions? options = null) => SqliteStore.Open(options ?? Options(), Clock);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp directory is the OS's to clean then.
        }
    }

    public static Opportunity Opportunity(long id, Instrument buy, Instrument sell, long firstSeen, long lastUpdated, decimal net, decimal bps, decimal peakNet, decimal peakBps, decimal size = 0.5m, TransferQuote? transfer = null) => new()
    {
        Id = id,
        Asset = buy.Base,
        Buy = buy,
        Sell = sell,
        Size = size,
        AverageBuyPrice = 100m,
        AverageSellPrice = 101m,
        BuyLevels = 1,
        SellLevels = 1,
        GrossProfitUsd = net + 0.1m,
        NetProfitUsd = net,
        NetPremiumBps = bps,
        BuyFeeRate = 0.001m,
        SellFeeRate = 0.001m,
        BuySequence = 1,
        SellSequence = 1,
        FirstSeen = firstSeen,
        LastUpdated = lastUpdated,
        PeakNetProfitUsd = peakNet,
        PeakNetPremiumBps = peakBps,
        Transfer = transfer ?? TransferQuote.None("no-wallet-status"),
    };

    public static StoredOutput Event(OpportunityEventKind kind, long time, Opportunity opportunity, string? reason = null) =>
        new(new HostOutput(time, Opportunity: new OpportunityEvent(kind, time, opportunity, reason)), false);

    public static HostOutput Output(OpportunityEventKind kind, long time, Opportunity opportunity, string? reason = null) =>
        new(time, Opportunity: new OpportunityEvent(kind, time, opportunity, reason));
}
