using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndAsDocumented()
    {
        var options = new SimulatorOptions();
        options.Validate();
        Assert.Equal(1, options.Seed);
        Assert.Equal(1380m, options.UsdKrw);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.StepInterval);
        Assert.Equal(50, options.Binance.LevelsPerSide);
        Assert.Equal(15, options.Upbit.LevelsPerSide);
        Assert.Equal((true, 50, SimWsSnapshot.Full), (options.Okx.Enabled, options.Okx.LevelsPerSide, options.Okx.WsSnapshot));
        Assert.Equal(4096, options.TruthCapacity);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Binance.StallDuration);
        Assert.False(options.AutoDislocation.Enabled);
        Assert.Equal(["BTC", "ETH", "XRP", "USDT"], options.ResolvedAssets.Select(a => a.Code));
        var usdt = options.ResolvedAssets[3];
        Assert.Equal((1.0005m, 0.0001m, 1m), (usdt.UsdPrice, usdt.UsdTick, usdt.KrwTick));
        Assert.Equal(["coinbase", "kraken", "upbit", "bithumb"], usdt.Venues);
        Assert.Equal(0, options.TetherPremiumBps);
        Assert.Equal((SimulatorOptions.DefaultApiKey, SimulatorOptions.DefaultApiSecret, SimulatorOptions.DefaultApiPassphrase), (options.ApiKey, options.ApiSecret, options.ApiPassphrase));
        var xrp = options.ResolvedAssets[2];
        Assert.Equal((2.5m, 0.0001m, 0.1m, 1m), (xrp.UsdPrice, xrp.UsdTick, xrp.UsdLot, xrp.KrwTick));
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadValue_ThrowsNamingTheKey(string key, Action<SimulatorOptions> spoil)
    {
        var options = new SimulatorOptions { Assets = SimulatorOptions.DefaultAssets() };
        spoil(options);
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(key, error.ParamName);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<SimulatorOptions>> BadOptions() => new()
    {
        { "StepInterval", o => o.StepInterval = TimeSpan.Zero },
        { "UsdKrw", o => o.UsdKrw = 0 },
        { "Assets[1].KrwTick", o => o.Assets![1].KrwTick = 0 },
        { "Assets[0].UsdTick", o => o.Assets![0].UsdTick = 0.000000001m },
        { "Assets[2].Code", o => o.Assets![2].Code = "BTC" },
        { "Assets[0].Code", o => o.Assets![0].Code = "btc" },
        { "Assets[0].MaxLevelQuantity", o => o.Assets![0].MaxLevelQuantity = 0.001m },
        { "Binance.Faults.Duplicate", o => o.Binance.Faults.Duplicate = 1.5 },
        { "Upbit.LevelsPerSide", o => o.Upbit.LevelsPerSide = 31 },
        { "Binance.NoiseBps", o => o.Binance.NoiseBps = double.NaN },
        { "Dislocations[0].Asset", o => o.Dislocations.Add(new SimDislocation { Venue = VenueId.Upbit, Asset = "DOGE", Bps = 50 }) },
        { "Dislocations[0].Venue", o => { o.Okx.Enabled = false; o.Dislocations.Add(new SimDislocation { Venue = VenueId.Okx, Asset = "BTC", Bps = 50 }); } },
        { "Okx.WsSnapshot", o => o.Okx.WsSnapshot = (SimWsSnapshot)7 },
        { "AutoDislocation.MaxBps", o => o.AutoDislocation.MaxBps = 10 },
        { "TruthCapacity", o => o.TruthCapacity = 1 },
        { "Upbit.Port", o => (o.Binance.Port, o.Upbit.Port) = (9100, 9100) },
    };

    [Fact]
    public void Simulation_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Simulation(new SimulatorOptions { PriceStepBps = -1 }, SimClock.Start));
    }
}
