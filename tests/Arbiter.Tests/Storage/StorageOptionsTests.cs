using Arbiter.Configuration;
using Arbiter.Hosting;

namespace Arbiter.Tests.Storage;

/// <summary>Storage options: defaults, and every invalid value rejected with an error naming its key.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void Load_Defaults()
    {
        var storage = SettingsLoader.Load(null, dotEnvPath: null).Storage;
        Assert.Equal((true, "arbiter.db", 30, 1_000_000, 1_000_000, 1_000_000, "FULL", 10_000, TimeSpan.FromMinutes(1)),
            (storage.Enabled, storage.Path, storage.RetainDays, storage.MaxOpportunities, storage.MaxAlerts, storage.MaxVenueEvents, storage.Synchronous, storage.QueueCapacity, storage.CleanupInterval));
    }

    [Theory]
    [InlineData("Storage:Path", "", "Storage:Path must name a file")]
    [InlineData("Storage:RetainDays", "0", "Storage:RetainDays must be 1..3650 (got 0).")]
    [InlineData("Storage:MaxOpportunities", "10", "Storage:MaxOpportunities must be 100..100000000 (got 10).")]
    [InlineData("Storage:MaxAlerts", "-1", "Storage:MaxAlerts must be 100..100000000 (got -1).")]
    [InlineData("Storage:MaxVenueEvents", "0", "Storage:MaxVenueEvents must be 100..100000000 (got 0).")]
    [InlineData("Storage:QueueCapacity", "5", "Storage:QueueCapacity must be 100..10000000 (got 5).")]
    [InlineData("Storage:Synchronous", "OFF", "Storage:Synchronous must be FULL or NORMAL (got 'OFF').")]
    [InlineData("Storage:CleanupInterval", "00:00:00", "Storage:CleanupInterval must be")]
    [InlineData("Storage:Enabled", "maybe", "Storage:Enabled")]
    [InlineData("Storage:Size", "1", "Size")]
    public void Load_InvalidStorageValue_IsRejectedNamingTheKey(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(null, new Dictionary<string, string?> { [key] = value }, dotEnvPath: null));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NormalSynchronousAnyCase_AndDisabledWithoutPath_AreValid()
    {
        var settings = SettingsLoader.Load(null, new Dictionary<string, string?> { ["Storage:Synchronous"] = "normal", ["Storage:Enabled"] = "false", ["Storage:Path"] = "" }, dotEnvPath: null);
        Assert.Equal(("normal", false), (settings.Storage.Synchronous, settings.Storage.Enabled));
    }
}
