using System.Globalization;
using System.Text.Json;

namespace Arbiter.Fanout;

/// <summary>
/// The <c>clients</c> command, run as the benchmark's child process: connects a <see cref="ClientFleet"/>, prints
/// <c>READY</c>, answers one <c>MEASURE start end</c> line on stdin with one <c>RESULT {json}</c> line, and exits when
/// its stdin closes (also when the parent dies). Failures print <c>ERROR message</c> and exit with 2.
/// </summary>
internal static class ClientsCommand
{
    private const string Usage = "usage: clients --url ws://HOST:PORT/ws --count N [--stalled 0|1] [--connect-timeout S] [--drain-timeout S]";

    private static bool TryFlag(string value, out bool flag)
    {
        flag = value == "1";
        return value is "0" or "1";
    }

    public static async Task<int> RunAsync(string[] args)
    {
        Uri? url = null;
        int count = 0;
        var stalled = false;
        double connectTimeout = 90, drainTimeout = 30;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            var ok = args[i] switch
            {
                "--url" => Uri.TryCreate(value, UriKind.Absolute, out url) && url.Scheme is "ws" or "wss",
                "--count" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= 100_000,
                "--stalled" => TryFlag(value, out stalled),
                "--connect-timeout" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out connectTimeout) && connectTimeout > 0,
                "--drain-timeout" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out drainTimeout) && drainTimeout > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.WriteLine($"ERROR bad argument {args[i]} '{value}'. {Usage}");
                return 2;
            }
        }

        if (url is null || count == 0 || args.Length % 2 != 0)
        {
            Console.WriteLine($"ERROR --url and --count are required. {Usage}");
            return 2;
        }

        var fleet = new ClientFleet(url, count, stalled, TimeSpan.FromSeconds(connectTimeout), TimeSpan.FromSeconds(drainTimeout));
        await using (fleet.ConfigureAwait(false))
        {
            try
            {
                await fleet.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
                Console.WriteLine("READY");
                var measured = false;
                while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    var parts = line.Split(' ');
                    if (measured || parts.Length != 3 || parts[0] != "MEASURE"
                        || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                        || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end <= start)
                    {
                        Console.WriteLine($"ERROR unexpected command '{line}' (one 'MEASURE start end' in unix µs is expected)");
                        return 2;
                    }

                    var report = await fleet.MeasureAsync(start, end, CancellationToken.None).ConfigureAwait(false);
                    Console.WriteLine("RESULT " + JsonSerializer.Serialize(report, FanoutJsonContext.Default.FleetReport));
                    measured = true;
                }

                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.Net.WebSockets.WebSocketException or System.Net.Http.HttpRequestException)
            {
                Console.WriteLine("ERROR " + ex.Message.ReplaceLineEndings(" "));
                return 2;
            }
        }
    }
}
