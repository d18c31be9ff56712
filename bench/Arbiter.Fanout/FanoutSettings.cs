using System.Globalization;

namespace Arbiter.Fanout;

/// <summary>The fan-out command's arguments, validated (errors name the argument).</summary>
public sealed record FanoutSettings
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Arbiter.Fanout -- [--clients 100,1000] [--rate 10000] [--seconds 10] [--warmup 3] [--repeat 3]\n"
        + "       [--stall-wait 40] [--write] [--out FILE]\n"
        + "  --seconds < 5 is the quick mode: defaults --warmup 1 --repeat 1 --stall-wait 0, targets reported but not judged.";

    /// <summary>Client counts to measure, in order.</summary>
    public IReadOnlyList<int> Clients { get; init; } = [100, 1000];

    /// <summary>Events per second the generator applies to the hub.</summary>
    public int Rate { get; init; } = 10_000;

    /// <summary>Measured window per run.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Time between the clients having their snapshots and the window's start.</summary>
    public double Warmup { get; init; } = 3;

    /// <summary>(N clients, N clients + stalled) pairs per client count.</summary>
    public int Repeat { get; init; } = 3;

    /// <summary>In the first stalled run, how long after it stopped reading the stalled client is watched for its drop (at least the run itself).</summary>
    public double StallWait { get; init; } = 40;

    /// <summary>Writes the table to <see cref="OutPath"/>.</summary>
    public bool Write { get; init; }

    public string? OutPath { get; init; }

    /// <summary>Short smoke-test runs: targets are reported, not judged.</summary>
    public bool Quick => Seconds < 5;

    /// <summary>For connecting all clients and receiving every snapshot.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>After a window's end, for every reading client to read past it.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are wrong.</summary>
    public static FanoutSettings? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var settings = new FanoutSettings();
        bool warmupSet = false, repeatSet = false, stallSet = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--write")
            {
                settings = settings with { Write = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name}: a value is expected (or unknown argument).";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--clients":
                    var counts = new List<int>();
                    foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 10_000)
                        {
                            error = $"--clients: '{part}' is not a client count in 1..10000 (comma-separated list).";
                            return null;
                        }

                        counts.Add(n);
                    }

                    settings = settings with { Clients = counts };
                    break;
                case "--rate" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate is >= 100 and <= 1_000_000:
                    settings = settings with { Rate = rate };
                    break;
                case "--seconds" when TryNumber(value, 0.5, 3600, out var seconds):
                    settings = settings with { Seconds = seconds };
                    break;
                case "--warmup" when TryNumber(value, 0, 600, out var warmup):
                    settings = settings with { Warmup = warmup };
                    warmupSet = true;
                    break;
                case "--repeat" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var repeat) && repeat is >= 1 and <= 50:
                    settings = settings with { Repeat = repeat };
                    repeatSet = true;
                    break;
                case "--stall-wait" when TryNumber(value, 0, 3600, out var wait):
                    settings = settings with { StallWait = wait };
                    stallSet = true;
                    break;
                case "--out":
                    settings = settings with { OutPath = value, Write = true };
                    break;
                case "--rate" or "--seconds" or "--warmup" or "--repeat" or "--stall-wait":
                    error = $"{name}: '{value}' is out of range (--rate 100..1000000, --seconds 0.5..3600, --warmup 0..600, --repeat 1..50, --stall-wait 0..3600).";
                    return null;
                default:
                    error = $"unknown argument '{name}'.";
                    return null;
            }
        }

        if (settings.Quick)
        {
            settings = settings with
            {
                Warmup = warmupSet ? settings.Warmup : 1,
                Repeat = repeatSet ? settings.Repeat : 1,
                StallWait = stallSet ? settings.StallWait : 0,
            };
        }

        return settings;
    }

    private static bool TryNumber(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
