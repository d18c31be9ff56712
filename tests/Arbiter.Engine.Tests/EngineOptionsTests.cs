using Arbiter.Core;

namespace Arbiter.Engine.Tests;

public sealed class EngineOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndMatchReference()
    {
        var options = new EngineOptions();

        Assert.Empty(options.Validate());
        Assert.Null(options.Fx.UsdKrw);
        Assert.Null(options.Fx.UsdtUsd);
        Assert.Null(options.Fx.UsdcUsd);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Fx.MaxAge);
        Assert.True(options.Fx.DeriveUsdKrw);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Quality.MaxExchangeLag);
        Assert.Equal(0.5m, options.Quality.MaxSpread);
        Assert.Equal(0.5m, options.Quality.MaxDeviation);
        Assert.Equal(200, options.Quality.Window);
        Assert.Equal((90.0, 95.0), (options.Quality.ExcludeBelow, options.Quality.ReadmitAt));
        Assert.Equal(
            [0.001m, 0.012m, 0.001m, 0.002m, 0.0005m, 0.0025m, 0.0015m, 0.0026m],
            [.. VenueNames.All.ToArray().Select(v => options.TakerFees[v])]);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxBookAge);
        Assert.Equal(1.0m, options.MinNetProfitUsd);
        Assert.Equal(0m, options.MinNetPremiumBps);
        Assert.Equal(0.05, options.UpdateThreshold);
        Assert.Equal(65_536, options.QueueCapacity);
    }

    [Fact]
    public void Validate_BadValues_NameEachKeyAndRange()
    {
        var options = new EngineOptions
        {
            MaxBookAge = TimeSpan.Zero,
            MinNetProfitUsd = -1m,
            MinNetPremiumBps = 20_000m,
            UpdateThreshold = double.NaN,
            QueueCapacity = 1,
        };
        options.Fx.UsdKrw = 0m;
        options.Fx.UsdtUsd = -1m;
        options.Fx.MaxAge = TimeSpan.Zero;
        options.Quality.MaxSpread = 0m;
        options.Quality.Window = 0;
        options.Quality.ReadmitAt = 80;
        options.TakerFees[VenueId.GateIo] = 0.5m;
        options.TakerFees.Remove(VenueId.Kraken);
        options.MaxBookAgeByVenue[VenueId.Upbit] = TimeSpan.FromHours(2);

        var errors = options.Validate();

        Assert.Equal(
            [
                "Engine:Fx:UsdKrw is 0; allowed range greater than 0 up to 1000000.",
                "Engine:Fx:UsdtUsd is -1; allowed range greater than 0 up to 10.",
                "Engine:Fx:MaxAge is 00:00:00; allowed range 00:00:01 to 7.00:00:00.",
                "Engine:Quality:MaxSpread is 0; allowed range greater than 0 up to 10 (a fraction: 0.5 = 50 %).",
                "Engine:Quality:Window is 0; allowed range 1 to 1000000.",
                "Engine:Quality:ReadmitAt is 80; it must be at least Engine:Quality:ExcludeBelow (90).",
                "Engine:TakerFees:gateio is 0.5; allowed range 0 to 0.1 (a fraction: 0.001 = 0.10 %).",
                "Engine:TakerFees:kraken is missing; allowed range 0 to 0.1 (a fraction: 0.001 = 0.10 %).",
                "Engine:MaxBookAge is 00:00:00; allowed range greater than 00:00:00 up to 01:00:00.",
                "Engine:MaxBookAgeByVenue:upbit is 02:00:00; allowed range greater than 00:00:00 up to 01:00:00.",
                "Engine:MinNetProfitUsd is -1; allowed range 0 to 1000000000.",
                "Engine:MinNetPremiumBps is 20000; allowed range 0 to 10000.",
                "Engine:UpdateThreshold is NaN; allowed range 0 to 1 (a fraction: 0.05 = 5 %).",
                "Engine:QueueCapacity is 1; allowed range 16 to 16777216.",
            ],
            errors);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingKey()
    {
        var options = new EngineOptions { QueueCapacity = 0 };

        var error = Assert.Throws<ArgumentException>(() => new MarketEngine(options, new RecordingOutputSink()));
        Assert.Contains("Engine:QueueCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OptionsChangedLater_EngineKeepsItsCopy()
    {
        var options = new EngineOptions();
        var f = new EngineFixture(options);
        options.Fx.UsdKrw = 1m;
        options.TakerFees[VenueId.Upbit] = 0.1m;

        f.Process(
            Events.Snapshot(f.Binance, 1, Events.At(1), Events.Levels(("59990.00", "1")), Events.Levels(("60000.00", "1"))),
            Events.Snapshot(f.Upbit, 1, Events.At(1), Events.Levels(("83300000", "1")), Events.Levels(("83400000", "1"))));

        Assert.Equal(272.13768116m, Assert.Single(f.Sink.Opportunities).Opportunity.NetProfitUsd);
    }
}
