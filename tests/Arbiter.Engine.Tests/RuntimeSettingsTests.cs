using Arbiter.Core;
using static Arbiter.Engine.Tests.Events;

namespace Arbiter.Engine.Tests;

/// <summary>Runtime settings (thresholds, fees, enabled venues) arriving through the input as a SettingsChanged event.</summary>
public sealed class RuntimeSettingsTests
{
    // The book of OpportunityLifecycleTests: buy 1 BTC on Binance at 60000 USDT (fee 0.001), sell on Upbit at 83,300,000 KRW
    // (fee 0.0005), USD/KRW 1380. Net = 83,300,000 / 1380 × 0.9995 − 60000 × 1.001 = 60332.137681159420… − 60060 = 272.137681159420…
    // → 272.13768116; premium 272.137681159420… / 60060 × 10000 = 45.3110 bps.
    [Fact]
    public void SettingsChanged_MinNetProfitAboveOpenNet_ClosesAsThresholdWithoutBookChange_LoweringReopens()
    {
        var f = new EngineFixture();
        OpenBinanceUpbit(f);
        var opened = Assert.Single(f.Sink.Opportunities);
        Assert.Equal(272.13768116m, opened.Opportunity.NetProfitUsd);

        f.Process(Settings(f.Options, At(4), minNetProfitUsd: 300m));

        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("threshold", closed.CloseReason);
        Assert.Equal(At(4), closed.Time);
        Assert.Equal(1, closed.Opportunity.Id);
        Assert.Empty(f.Engine.OpenOpportunities);
        Assert.Equal(300m, f.Engine.Settings.MinNetProfitUsd);

        // A sweep with no book change opens nothing either.
        f.Process(Tick(At(5)));
        Assert.Equal(2, f.Sink.Opportunities.Count);

        // 272.14 is still above 272.1376…: nothing; 272.13 is below it: the same pair opens again, as a new opportunity.
        f.Process(Settings(f.Options, At(6), minNetProfitUsd: 272.14m));
        Assert.Equal(2, f.Sink.Opportunities.Count);
        f.Process(Settings(f.Options, At(7), minNetProfitUsd: 272.13m));
        var reopened = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Opened, reopened.Kind);
        Assert.Equal(2, reopened.Opportunity.Id);
        Assert.Equal(At(7), reopened.Opportunity.FirstSeen);
        Assert.Equal(272.13768116m, reopened.Opportunity.NetProfitUsd);
        Assert.Equal(45.3110m, reopened.Opportunity.NetPremiumBps);
    }

    [Fact]
    public void SettingsChanged_MinNetPremiumAboveOpenPremium_ClosesAsThreshold()
    {
        var f = new EngineFixture();
        OpenBinanceUpbit(f);

        f.Process(Settings(f.Options, At(10), minNetPremiumBps: 45.32m)); // 45.3110 < 45.32

        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("threshold", closed.CloseReason);

        f.Process(Settings(f.Options, At(11), minNetPremiumBps: 45.31m)); // 45.3110… ≥ 45.31
        Assert.Equal(OpportunityEventKind.Opened, f.Sink.Opportunities[^1].Kind);
    }

    // Bybit bid 60500 × 1 (fee 0.001) against Binance's ask 60000 × 2: net = 60500 × 0.999 − 60000 × 1.001 = 60439.5 − 60060 = 379.5.
    [Fact]
    public void SettingsChanged_VenueDisabled_ClosesItsOpportunitiesAsVenueDisabled_NoNewOneUsesIt_ReenablingReopens()
    {
        var f = new EngineFixture();
        OpenBinanceUpbit(f);
        f.Process(Snapshot(f.Instruments.BybitBtcUsdt, 30, At(3), Levels(("60500.00", "1")), Levels(("60600.00", "1"))));
        Assert.Equal(2, f.Engine.OpenOpportunities.Count);
        var bybit = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Opened, bybit.Kind);
        Assert.Equal(VenueId.Bybit, bybit.Opportunity.Sell.Venue);
        Assert.Equal(379.5m, bybit.Opportunity.NetProfitUsd);

        f.Process(Settings(f.Options, At(4), enabled: [VenueId.Binance, VenueId.Bybit]));

        var closed = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Closed, closed.Kind);
        Assert.Equal("venue-disabled", closed.CloseReason);
        Assert.Equal(VenueId.Upbit, closed.Opportunity.Sell.Venue);
        var open = Assert.Single(f.Engine.OpenOpportunities);
        Assert.Equal(VenueId.Bybit, open.Sell.Venue);

        // Upbit's feed keeps running: its book still updates (a better bid, under its ask 83,400,000), but nothing uses it, nor do the premiums.
        var before = f.Sink.Opportunities.Count;
        f.Process(Delta(f.Upbit, 21, At(5), Levels(("83350000", "1")), Levels()));
        Assert.Equal(before, f.Sink.Opportunities.Count);
        Assert.Equal(83350000m, FixedPoint.ToDecimal(f.Engine.GetBook(f.Upbit)!.Bids.BestPrice, 0));
        Assert.All(f.Engine.Premiums(Asset.Btc).Cells, c => Assert.True(c.Buy.Venue != VenueId.Upbit && c.Sell.Venue != VenueId.Upbit, $"{c.Buy} → {c.Sell}"));
        Assert.Equal(2, f.Engine.Premiums(Asset.Btc).Cells.Count); // Binance → Bybit and Bybit → Binance

        // Re-enabled: the pair opens again at once, without waiting for a book change. The walk takes both Upbit bid levels against
        // Binance's 2 BTC ask: (83,350,000 / 1380 × 0.9995 − 60060) + (83,300,000 / 1380 × 0.9995 − 60060)
        // = 308.351449275362… + 272.137681159420… = 580.489130434782… → 580.48913043, size 2.
        f.Process(Settings(f.Options, At(6)));
        var reopened = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Opened, reopened.Kind);
        Assert.Equal(VenueId.Upbit, reopened.Opportunity.Sell.Venue);
        Assert.Equal(580.48913043m, reopened.Opportunity.NetProfitUsd);
        Assert.Equal(2m, reopened.Opportunity.Size);
        Assert.Equal(At(6), reopened.Time);
    }

    // Upbit's fee 0.0005 → 0.0006: net = 83,300,000 / 1380 × 0.9994 − 60060 = 60326.101449275362… − 60060 = 266.101449275362…
    // → 266.10144928; premium 266.101449275362… / 60060 × 10000 = 44.30593… → 44.3059. A 2.2 % move, under the 5 % update
    // threshold, yet published: the fee the opportunity shows changed.
    [Fact]
    public void SettingsChanged_TakerFee_RepricesOpenOpportunityExactly()
    {
        var f = new EngineFixture();
        OpenBinanceUpbit(f);

        f.Process(Settings(f.Options, At(10), fees: new() { [VenueId.Upbit] = 0.0006m }));

        var updated = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Updated, updated.Kind);
        Assert.Equal(1, updated.Opportunity.Id);
        Assert.Equal(266.10144928m, updated.Opportunity.NetProfitUsd);
        Assert.Equal(44.3059m, updated.Opportunity.NetPremiumBps);
        Assert.Equal(0.0006m, updated.Opportunity.SellFeeRate);
        Assert.Equal(0.001m, updated.Opportunity.BuyFeeRate);

        // Binance's fee 0.001 → 0.002 (Upbit back to 0.0005): net = 60332.137681159420… − 60000 × 1.002 = 212.137681159420… → 212.13768116;
        // premium 212.137681159420… / 60120 × 10000 = 35.2857 bps.
        f.Process(Settings(f.Options, At(11), fees: new() { [VenueId.Binance] = 0.002m }));
        updated = f.Sink.Opportunities[^1];
        Assert.Equal(OpportunityEventKind.Updated, updated.Kind);
        Assert.Equal(212.13768116m, updated.Opportunity.NetProfitUsd);
        Assert.Equal(35.2857m, updated.Opportunity.NetPremiumBps);
        Assert.Equal(0.002m, updated.Opportunity.BuyFeeRate);
        Assert.Equal(0.0005m, updated.Opportunity.SellFeeRate);

        // A book registered after the change is priced with the new fee too.
        Assert.Equal(0.002m, f.Engine.Settings.TakerFeeOf(VenueId.Binance));
    }

    [Fact]
    public void SettingsChanged_SameSettings_PublishesNothing()
    {
        var f = new EngineFixture();
        OpenBinanceUpbit(f);

        f.Process(Settings(f.Options, At(10)));

        Assert.Single(f.Sink.Opportunities);
    }

    [Fact]
    public void SettingsChanged_OutOfRange_ThrowsNamingTheKey()
    {
        var f = new EngineFixture();

        var error = Assert.Throws<ArgumentException>(() => f.Process(Settings(f.Options, At(1), minNetProfitUsd: -1m)));

        Assert.Contains("Engine:MinNetProfitUsd is -1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1m, f.Engine.Settings.MinNetProfitUsd);
    }

    // Books stay fresh for Engine:MaxBookAge (10 s): every test changes its settings within that time of the snapshots.
    private static void OpenBinanceUpbit(EngineFixture f) =>
        f.Process(
            Snapshot(f.Binance, 10, At(1), Levels(("59990.00", "1")), Levels(("60000.00", "2"))),
            Snapshot(f.Upbit, 20, At(2), Levels(("83300000", "1")), Levels(("83400000", "1"))));

    /// <summary>The fixture's options with the given changes, as the event the host sends.</summary>
    private static MarketEvent Settings(EngineOptions options, long time, decimal? minNetProfitUsd = null, decimal? minNetPremiumBps = null, Dictionary<VenueId, decimal>? fees = null, VenueId[]? enabled = null)
    {
        var takerFees = new Dictionary<VenueId, decimal>(options.TakerFees);
        foreach (var (venue, fee) in fees ?? [])
        {
            takerFees[venue] = fee;
        }

        var settings = new EngineRuntimeSettings(
            minNetProfitUsd ?? options.MinNetProfitUsd,
            minNetPremiumBps ?? options.MinNetPremiumBps,
            options.UpdateThreshold,
            takerFees,
            enabled ?? VenueNames.All.ToArray());
        return new MarketEvent { Kind = MarketEventKind.SettingsChanged, ReceiveTime = time, Settings = settings };
    }
}
