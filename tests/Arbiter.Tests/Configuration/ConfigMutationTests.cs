using System.Globalization;
using System.Text.Json.Nodes;
using Arbiter.Configuration;
using Arbiter.Hosting;

namespace Arbiter.Tests.Configuration;

/// <summary>
/// RELIABILITY row 25 at scale: seeded mutations of the shipped appsettings.json, each written to a file and loaded.
/// Whether a mutation is valid is known by construction from the table below (the documented ranges, written here by
/// hand, not read from the validators): every invalid file must be refused with a message naming the key, and no valid
/// one may be refused.
/// </summary>
public sealed class ConfigMutationTests
{
    private static readonly int Files = int.TryParse(Environment.GetEnvironmentVariable("ARBITER_CONFIG_MUTATIONS"), CultureInfo.InvariantCulture, out var n) ? n : 1000;

    /// <summary>Numeric and duration keys with their documented ranges (Exclusive: the minimum itself is invalid).</summary>
    private static readonly Knob[] Knobs =
    [
        new("Engine:MaxBookAge", Kind.Duration, 0, 3600, MinExclusive: true),
        new("Engine:MinNetProfitUsd", Kind.Number, 0, 1_000_000_000),
        new("Engine:MinNetPremiumBps", Kind.Number, 0, 10_000),
        new("Engine:UpdateThreshold", Kind.Number, 0, 1),
        new("Engine:QueueCapacity", Kind.Integer, 16, 16_777_216),
        new("Engine:TakerFees:binance", Kind.Number, 0, 0.1),
        new("Engine:TakerFees:upbit", Kind.Number, 0, 0.1),
        new("Engine:Fx:UsdKrw", Kind.Number, 0, 1_000_000, MinExclusive: true),
        new("Engine:Fx:UsdtUsd", Kind.Number, 0, 10, MinExclusive: true),
        new("Engine:Fx:MaxAge", Kind.Duration, 1, 7 * 86_400),
        new("Engine:Quality:Window", Kind.Integer, 1, 1_000_000),
        new("Engine:Quality:MaxSpread", Kind.Number, 0, 10, MinExclusive: true),
        new("Engine:Quality:MaxDeviation", Kind.Number, 0, 10, MinExclusive: true),
        new("Engine:Quality:MaxExchangeLag", Kind.Duration, 0, 3600),
        new("Schedules:Sweep", Kind.Duration, 0.01, 10),
        new("Schedules:Stats", Kind.Duration, 0.1, 3600),
        new("Schedules:Fx", Kind.Duration, 0.1, 86_400),
        new("Schedules:Wallets", Kind.Duration, 0.1, 86_400),
        new("Schedules:Markets", Kind.Duration, 0.1, 86_400),
        new("Schedules:StaleCleanup", Kind.Duration, 0.1, 3600),
        new("FxSource:Timeout", Kind.Duration, 0.1, 120),
        new("Api:ClientQueueCapacity", Kind.Integer, 16, 1_000_000),
        new("Api:ClientSendTimeout", Kind.Duration, 1, 600),
        new("Api:ClientFlushInterval", Kind.Duration, 0, 1),
        new("StatusInterval", Kind.Duration, 0, 3600),
        new("Venues:Binance:SnapshotLimit", Kind.Integer, 1, 5000),
        new("Venues:Binance:MaxStreamsPerConnection", Kind.Integer, 1, 1024),
        new("Venues:Kraken:MaxSymbolsPerConnection", Kind.Integer, 1, 1000),
        new("Venues:Kraken:MaxSymbolsPerSubscribe", Kind.Integer, 1, 1000),
    ];

    /// <summary>Venue endpoint keys: outside demo they must be wss:// (or https://) and must not point at private or loopback addresses.</summary>
    private static readonly (string Key, bool WebSocket)[] Urls =
    [
        ("Venues:Binance:WsBaseUrl", true),
        ("Venues:Binance:RestBaseUrl", false),
        ("Venues:Upbit:WsUrl", true),
        ("Venues:Okx:RestBaseUrl", false),
        ("Venues:Kraken:WsUrl", true),
        ("Venues:Coinbase:RestBaseUrl", false),
    ];

    private enum Kind
    {
        Number,
        Integer,
        Duration,
    }

    [Fact]
    public void Load_MutatedConfigurationFiles_InvalidOnesNamedAndValidOnesAccepted()
    {
        var shipped = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))!.AsObject();
        var random = new Random(20261121);
        var dir = Directory.CreateTempSubdirectory("arbiter-config-");
        var (valid, invalid) = (0, 0);
        var failures = new List<string>();
        try
        {
            for (var i = 0; i < Files; i++)
            {
                var config = (JsonObject)shipped.DeepClone();
                var (key, value, expectInvalid) = Mutate(random, config);
                var path = Path.Combine(dir.FullName, $"config-{i:D4}.json");
                File.WriteAllText(path, config.ToJsonString());
                string? error = null;
                try
                {
                    SettingsLoader.Load(path, dotEnvPath: null);
                }
                catch (ConfigurationException ex)
                {
                    error = ex.Message;
                }

                if (expectInvalid)
                {
                    invalid++;
                    if (error is null)
                    {
                        failures.Add($"{path}: {key} = {value} was accepted");
                    }
                    else if (!error.Contains(key, StringComparison.Ordinal))
                    {
                        failures.Add($"{path}: {key} = {value} refused without naming the key: {error}");
                    }
                }
                else
                {
                    valid++;
                    if (error is not null)
                    {
                        failures.Add($"{path}: valid {key} = {value} refused: {error}");
                    }
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Files} files misjudged:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(20))}");
        Assert.True(valid > Files / 10 && invalid > Files / 2, $"{valid} valid and {invalid} invalid files: the mix is too thin to mean anything");
    }

    /// <summary>One mutation: (the key it touches, the value written, whether the file is now invalid).</summary>
    private static (string Key, string Value, bool Invalid) Mutate(Random random, JsonObject config)
    {
        switch (random.Next(6))
        {
            case 0:
            {
                // An unknown key beside real ones: a typo must never be ignored.
                var section = random.Next(4) switch { 0 => "Engine", 1 => "Venues:Binance", 2 => "Schedules", _ => "Api" };
                var name = "Typo" + random.Next(1000).ToString(CultureInfo.InvariantCulture);
                Set(config, section + ":" + name, JsonValue.Create("1"));
                return (name, "1", true);
            }

            case 1:
            {
                var knob = Knobs[random.Next(Knobs.Length)];
                var value = knob.Inside(random);
                Set(config, knob.Key, JsonValue.Create(value));
                return (knob.Key, value, false);
            }

            case 2:
            case 3:
            {
                var knob = Knobs[random.Next(Knobs.Length)];
                var value = knob.Outside(random);
                Set(config, knob.Key, JsonValue.Create(value));
                return (knob.Key, value, true);
            }

            case 4:
            {
                var knob = Knobs[random.Next(Knobs.Length)];
                var value = random.Next(3) switch { 0 => "ten", 1 => "1,5", _ => "--1" };
                Set(config, knob.Key, JsonValue.Create(value));
                return (knob.Key, value, true);
            }

            default:
            {
                var (key, webSocket) = Urls[random.Next(Urls.Length)];
                var secure = webSocket ? "wss" : "https";
                var plain = webSocket ? "ws" : "http";
                var (value, bad) = random.Next(6) switch
                {
                    0 => ($"{plain}://stream.example.com", true),
                    1 => ($"{secure}://127.0.0.1:9443", true),
                    2 => ($"{secure}://10.1.2.3", true),
                    3 => ($"{secure}://192.168.0.10:443", true),
                    4 => ("not a url", true),
                    _ => ($"{secure}://stream.example.com:9443", false),
                };
                Set(config, key, JsonValue.Create(value));
                return (key, value, bad);
            }
        }
    }

    private static void Set(JsonObject root, string key, JsonNode? value)
    {
        var parts = key.Split(':');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child)
            {
                child = [];
                node[parts[i]] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
    }

    private sealed record Knob(string Key, Kind Kind, double Min, double Max, bool MinExclusive = false)
    {
        /// <summary>A value strictly inside the range (and at the inclusive ends now and then).</summary>
        public string Inside(Random random)
        {
            var pick = random.Next(4);
            double value = pick switch
            {
                0 when !MinExclusive => Min,
                1 => Max,
                _ => Min + ((Max - Min) * (0.05 + (0.9 * random.NextDouble()))),
            };
            if (pick == 0 && MinExclusive)
            {
                value = Min + ((Max - Min) * 0.5);
            }

            return Format(Kind == Kind.Integer ? Math.Clamp(Math.Round(value), Math.Ceiling(Min + (MinExclusive ? 1 : 0)), Math.Floor(Max)) : value);
        }

        /// <summary>A value outside the range: below the minimum (or at an exclusive one) or above the maximum.</summary>
        public string Outside(Random random)
        {
            var span = Math.Max(Max - Min, 1);
            var value = random.Next(3) switch
            {
                0 when MinExclusive => Min,
                0 => Min - (Kind == Kind.Integer ? 1 : Math.Max(span * 0.001, 0.001)),
                1 => Max + (Kind == Kind.Integer ? 1 : Math.Max(span * 0.001, 0.001)),
                _ => Max + (span * (1 + random.Next(10))),
            };
            return Format(value);
        }

        private string Format(double value)
        {
            if (Kind == Kind.Duration)
            {
                // TimeSpan text ([-]d.hh:mm:ss.fff); a negative duration is below every minimum here.
                var span = TimeSpan.FromMilliseconds(Math.Round(value * 1000));
                return span.ToString("c", CultureInfo.InvariantCulture);
            }

            return Kind == Kind.Integer
                ? ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture)
                : value.ToString("0.########", CultureInfo.InvariantCulture);
        }
    }
}
