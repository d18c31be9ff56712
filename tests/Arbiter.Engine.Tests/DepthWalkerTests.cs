using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

public sealed class DepthWalkerTests
{
    [Fact]
    public void Walk_BinanceAsksAgainstUpbitBids_SizesThreeLevelsWithPartialLastExactly()
    {
        var f = new EngineFixture();

        // Binance BTCUSDT asks (USDT, fee 0.001) and Upbit KRW-BTC bids (KRW, fee 0.0005), UsdKrw 1380.
        f.Process(
            Snapshot(f.Binance, 100, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "0.1"), ("60010.00", "0.2"), ("60020.00", "0.3"), ("60100.00", "1"))),
            Snapshot(f.Upbit, 200, At(2), Levels(("83300000", "0.15"), ("83200000", "0.25"), ("83000000", "1")), Levels(("83400000", "1"))));

        // Effective prices: ask × 1.001 = 60060, 60070.01, 60080.02, 60160.1;
        // bid ÷ 1380 × 0.9995 ≈ 60332.14, 60259.71, 60114.86.
        // Steps: 0.1 (a1,b1) · 0.05 (a2,b1) · 0.15 (a2,b2) · 0.10 (a3,b2) · 0.2 (a3,b3); then a4 60160.1 ≥ b3 60114.86: stop.
        // Size 0.6; asks 3 levels (all full); bids 3 levels, the last 0.2 of 1.
        var opened = Assert.Single(f.Sink.Opportunities);
        Assert.Equal(OpportunityEventKind.Opened, opened.Kind);
        var o = opened.Opportunity;
        Assert.Same(f.Binance, o.Buy);
        Assert.Same(f.Upbit, o.Sell);
        Assert.Equal(Asset.Btc, o.Asset);
        Assert.Equal(0.6m, o.Size);
        Assert.Equal(3, o.BuyLevels);
        Assert.Equal(3, o.SellLevels);

        // The consumed levels with the quantity taken from each: all three asks whole; bids 0.15, 0.25 and 0.2 of the 1.
        Assert.Equal<LevelFill>([new LevelFill(60000.00m, 0.1m), new LevelFill(60010.00m, 0.2m), new LevelFill(60020.00m, 0.3m)], o.BuyFills);
        Assert.Equal<LevelFill>([new LevelFill(83300000m, 0.15m), new LevelFill(83200000m, 0.25m), new LevelFill(83000000m, 0.2m)], o.SellFills);

        // buyCostQuote = 60000×0.1 + 60010×0.2 + 60020×0.3 = 6000 + 12002 + 18006 = 36008 USDT
        // sellProceedsQuote = 83,300,000×0.15 + 83,200,000×0.25 + 83,000,000×0.2 = 12,495,000 + 20,800,000 + 16,600,000 = 49,895,000 KRW
        // AverageBuyPrice = 36008 / 0.6 = 60013.333333333333…; AverageSellPrice = 49,895,000 / 0.6 = 83,158,333.333333333333…
        Assert.Equal(60013.333333333333m, o.AverageBuyPrice);
        Assert.Equal(83158333.333333333333m, o.AverageSellPrice);

        // buyUsd = 36008 × 1.0 = 36008; sellUsd = 49,895,000 / 1380 = 36155.797101449275362318…
        // Gross = 147.797101449275362318… → 147.79710145
        // Net = 36155.797101449275… × 0.9995 − 36008 × 1.001 = 36137.719202898550724637… − 36044.008 = 93.711202898550724637… → 93.71120290
        // Bps = 93.711202898550724637… / 36044.008 × 10000 = 25.999107229848… → 25.9991
        Assert.Equal(147.79710145m, o.GrossProfitUsd);
        Assert.Equal(93.71120290m, o.NetProfitUsd);
        Assert.Equal(25.9991m, o.NetPremiumBps);
        Assert.Equal(0.001m, o.BuyFeeRate);
        Assert.Equal(0.0005m, o.SellFeeRate);
        Assert.Equal(100, o.BuySequence);
        Assert.Equal(200, o.SellSequence);
        Assert.Equal(At(2), o.FirstSeen);
        Assert.Equal(At(2), o.LastUpdated);
        Assert.Equal(93.71120290m, o.PeakNetProfitUsd);
        Assert.Equal(25.9991m, o.PeakNetPremiumBps);
        Assert.Equal(1, o.Id);
    }

    [Fact]
    public void Walk_FeesLargerThanGap_OpensNothing()
    {
        var f = new EngineFixture();

        // Raw gap: 82,850,000 / 1380 = 60036.23 > 60000 (+0.06 %), but fees are 0.10 % + 0.05 %:
        // sell 60036.23 × 0.9995 = 60006.21 < buy 60000 × 1.001 = 60060.
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "5"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("82850000", "5")), Levels(("82900000", "5"))),
            Tick(At(2)));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Empty(f.Engine.OpenOpportunities);
    }

    [Fact]
    public void Walk_NetBelowMinimum_OpensNothing()
    {
        var f = new EngineFixture();

        // Net per BTC 272.137… (see the lifecycle tests); 0.003 BTC nets 0.816 USD < MinNetProfitUsd 1.
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "0.003"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("83300000", "5")), Levels(("83400000", "5"))));

        Assert.Empty(f.Sink.Opportunities);
    }

    [Fact]
    public void Walk_BothSidesExhausted_CountsEveryLevel()
    {
        var f = new EngineFixture();

        // Every level profitable: asks 0.1 + 0.1, bids 0.15 + 0.05; size 0.2, both sides exhausted at once.
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "0.1"), ("60001.00", "0.1"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("83300000", "0.15"), ("83299000", "0.05")), Levels(("83400000", "5"))));

        var o = Assert.Single(f.Sink.Opportunities).Opportunity;
        Assert.Equal(0.2m, o.Size);
        Assert.Equal(2, o.BuyLevels);
        Assert.Equal(2, o.SellLevels);

        // buyCostQuote = 6000 + 6000.1 = 12000.1 → average 60000.5; sellProceedsQuote = 12,495,000 + 4,164,950 = 16,659,950 → average 83,299,750.
        Assert.Equal(60000.5m, o.AverageBuyPrice);
        Assert.Equal(83299750m, o.AverageSellPrice);
    }

    [Fact]
    public void Walk_KrwPrice150MillionAndQuantity1e10_PricesExactlyWithoutOverflow()
    {
        var f = new EngineFixture();

        // 1e10 BTC: Binance units 1e15 (scale 5) rescaled to Upbit's scale 8 = 1e18 units; Upbit 150,000,000 KRW × 1e10.
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("99990.00", "1")), Levels(("100000.00", "10000000000"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("150000000", "10000000000")), Levels(("150100000", "1"))));

        var o = Assert.Single(f.Sink.Opportunities).Opportunity;

        // buyUsd = 100,000 × 1e10 = 1e15; sellUsd = 150,000,000 × 1e10 / 1380 = 1,086,956,521,739,130.434782608695…
        // Gross = 86,956,521,739,130.434782608695… → 86956521739130.43478261
        // Net = sellUsd × 0.9995 − 1e15 × 1.001 = 1,086,413,043,478,260.869565217391… − 1,001,000,000,000,000 = 85,413,043,478,260.869565217391… → …86956522
        // Bps = 85,413,043,478,260.8695… / 1.001e15 × 10000 = 853.277157624983… → 853.2772
        Assert.Equal(10_000_000_000m, o.Size);
        Assert.Equal(1, o.BuyLevels);
        Assert.Equal(1, o.SellLevels);
        Assert.Equal(100000m, o.AverageBuyPrice);
        Assert.Equal(150000000m, o.AverageSellPrice);
        Assert.Equal(86956521739130.43478261m, o.GrossProfitUsd);
        Assert.Equal(85413043478260.86956522m, o.NetProfitUsd);
        Assert.Equal(853.2772m, o.NetPremiumBps);
    }

    [Fact]
    public void Walk_MemeCoinPriceScale10_PricesExactly()
    {
        var f = new EngineFixture();
        var binance = f.Instruments.BinancePepeUsdt;
        var gate = f.Instruments.GateIoPepeUsdt;

        // Buy 1e10 PEPE on Binance at 0.0000012345 USDT (fee 0.001), sell on Gate.io at 0.0000012500 (fee 0.002).
        f.Process(
            Snapshot(binance, 1, At(1), Levels(("0.0000012300", "5")), Levels(("0.0000012345", "10000000000"))),
            Snapshot(gate, 1, At(1), Levels(("0.0000012500", "20000000000")), Levels(("0.0000012600", "5"))));

        var o = Assert.Single(f.Sink.Opportunities).Opportunity;

        // buyCostQuote = 0.0000012345 × 1e10 = 12345; sellProceedsQuote = 0.00000125 × 1e10 = 12500
        // Gross = 155; Net = 12500 × 0.998 − 12345 × 1.001 = 12475 − 12357.345 = 117.655
        // Bps = 117.655 / 12357.345 × 10000 = 95.2105812373… → 95.2106
        Assert.Equal(TestInstruments.Pepe, o.Asset);
        Assert.Equal(10_000_000_000m, o.Size);
        Assert.Equal(1, o.BuyLevels);
        Assert.Equal(1, o.SellLevels);
        Assert.Equal(0.0000012345m, o.AverageBuyPrice);
        Assert.Equal(0.00000125m, o.AverageSellPrice);
        Assert.Equal(155m, o.GrossProfitUsd);
        Assert.Equal(117.655m, o.NetProfitUsd);
        Assert.Equal(95.2106m, o.NetPremiumBps);
    }

    [Fact]
    public void Walk_NextLevelsBreakEvenExactly_StopsThere()
    {
        var f = new EngineFixture();
        var binance = f.Instruments.BinancePepeUsdt;
        var gate = f.Instruments.GateIoPepeUsdt;

        // Buy on Binance (fee 0.001), sell on Gate.io (fee 0.002). The second ask breaks even exactly:
        // 0.0000999999 × 0.998 = 0.0000997999002 = 0.0000997002 × 1.001, which double arithmetic may see as a gain.
        f.Process(
            Snapshot(binance, 1, At(1), Levels(("0.0000990000", "5")), Levels(("0.0000996000", "100000000"), ("0.0000997002", "200000000"))),
            Snapshot(gate, 1, At(1), Levels(("0.0000999999", "500000000")), Levels(("0.0001010000", "5"))));

        var o = Assert.Single(f.Sink.Opportunities).Opportunity;

        // Only the first ask gains: Net = 1e8 × (0.0000999999 × 0.998 − 0.0000996 × 1.001) = 1e8 × 0.0000001003002 = 10.03002.
        Assert.Equal(100_000_000m, o.Size);
        Assert.Equal(1, o.BuyLevels);
        Assert.Equal(1, o.SellLevels);
        Assert.Equal(39.99m, o.GrossProfitUsd);
        Assert.Equal(10.03002m, o.NetProfitUsd);
    }

    [Fact]
    public void Walk_QuantityBeyondLongAtCommonScale_CapsSizeAtMaxSizeUnits()
    {
        var f = new EngineFixture();

        // 5e10 BTC: Binance 5e15 units × 1000 (scale 5 → 8) = 5e18 and Upbit 5e18 units, both above the cap
        // long.MaxValue / 2 = 4,611,686,018,427,387,903 units = 46,116,860,184.27387903 BTC, where the walk stops.
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("99990.00", "1")), Levels(("100000.00", "50000000000"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("150000000", "50000000000")), Levels(("150100000", "1"))));

        var o = Assert.Single(f.Sink.Opportunities).Opportunity;

        // Net = size × (150,000,000 / 1380 × 0.9995 − 100,000 × 1.001) = 46,116,860,184.27387903 × 8541.304347826086956…
        //     = 393,898,138,400,026.240671456521… → 393898138400026.24067146; bps as in the 1e10 case, 853.2772.
        Assert.Equal(46116860184.27387903m, o.Size);
        Assert.Equal(100000m, o.AverageBuyPrice);
        Assert.Equal(150000000m, o.AverageSellPrice);
        Assert.Equal(393898138400026.24067146m, o.NetProfitUsd);
        Assert.Equal(853.2772m, o.NetPremiumBps);
    }

    [Fact]
    public void Walk_NotionalBeyondExactRange_CountsAndOpensNothing()
    {
        var f = new EngineFixture();

        // 9e15 KRW × 1e10 BTC = 9e25 KRW of proceeds: past the 1e25 guard that keeps decimal (max 7.9e28) from overflowing.
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("99990.00", "1")), Levels(("100000.00", "10000000000"))),
            Snapshot(f.Upbit, 1, At(1), Levels(("9000000000000000", "10000000000")), Levels(("9000000000000001", "1"))));

        Assert.Empty(f.Sink.Opportunities);
        Assert.Equal(1, f.Engine.Stats.WalksOutOfRange);
    }

    [Fact]
    public void Process_SameVenueOrUnknownQuote_IsNeverPaired()
    {
        var f = new EngineFixture();

        // Binance BTCUSDC bids far above Binance BTCUSDT asks (same venue), and Kraken BTC/EUR bids far above too (no EUR rate).
        f.Process(
            Snapshot(f.Binance, 1, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "1"))),
            Snapshot(f.Instruments.BinanceBtcUsdc, 1, At(1), Levels(("70000.00", "1")), Levels(("70001.00", "1"))),
            Snapshot(f.Instruments.KrakenBtcEur, 1, At(1), Levels(("90000.0", "1")), Levels(("90001.0", "1"))));

        Assert.Empty(f.Sink.Opportunities);
    }
}
