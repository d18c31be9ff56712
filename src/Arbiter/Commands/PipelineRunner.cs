using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Commands;

/// <summary>Runs a <see cref="LivePipeline"/> (optionally with the API and a capture) until cancelled or the duration ends, printing status.</summary>
public static class PipelineRunner
{
    /// <summary>What a started run exposes to its caller (tests use it to find the API's real port).</summary>
    public sealed record Started(LivePipeline Pipeline, Uri? ApiAddress);

    public static async Task RunAsync(
        ArbiterSettings settings,
        string? recordPath,
        string? eventsPath,
        bool withApi,
        TimeSpan? duration,
        TextWriter output,
        CancellationToken cancellationToken,
        Action<Started>? started = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var clock = TimeProvider.System;
        using var capture = recordPath is null ? null : new JsonlCaptureWriter(recordPath);
        await using var pipeline = new LivePipeline(settings, clock, capture, eventsPath);
        ApiServer? api = null;
        try
        {
            if (withApi)
            {
                api = new ApiServer(settings.Api, pipeline.Hub);
                await api.StartAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Dashboard: {api.Address}  (API: {api.Address}api/opportunities, WebSocket: ws://{api.Address.Authority}/ws)").ConfigureAwait(false);
            }

            if (recordPath is not null)
            {
                await output.WriteLineAsync($"Recording every raw frame and REST response to {recordPath}").ConfigureAwait(false);
            }

            started?.Invoke(new Started(pipeline, api?.Address));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (duration is { } d)
            {
                stop.CancelAfter(d);
            }

            var printer = new Terminal.StatusPrinter(pipeline.Hub.Status, () => Sum(pipeline, c => c.RestFailures), output, settings.StatusInterval);
            var status = printer.RunAsync(Terminal.StatusPrinter.IsInteractive(output), stop.Token);
            await pipeline.RunAsync(stop.Token).ConfigureAwait(false);
            await status.ConfigureAwait(false);
            await output.WriteLineAsync(pipeline.StatusLine()).ConfigureAwait(false);
            if (capture is not null)
            {
                await output.WriteLineAsync($"Recorded {capture.Lines} lines to {recordPath}").ConfigureAwait(false);
            }
        }
        finally
        {
            if (api is not null)
            {
                await api.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The sum of one counter over every venue feed.</summary>
    private static long Sum(LivePipeline pipeline, Func<VenueCounters, long> counter)
    {
        long total = 0;
        foreach (var feed in pipeline.Feeds)
        {
            total += counter(feed.Protocol.Counters);
        }

        return total;
    }

    /// <summary>
    /// Points the venue options (market data, and the wallet-status endpoints), the FX source and the credentials at a
    /// running simulator (plain ws/http is allowed only here).
    /// </summary>
    public static void UseSimulator(ArbiterSettings settings, Simulator.SimulatorServer sim)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sim);
        if (settings.Storage.Path == Storage.StorageOptions.DefaultPath)
        {
            settings.Storage.Path = Storage.StorageOptions.DemoPath;
        }

        var assets = new List<string>();
        foreach (var asset in sim.Simulation.Options.ResolvedAssets)
        {
            assets.Add(asset.Code);
        }

        var enabled = new List<string>();
        foreach (var venue in sim.Simulation.Venues)
        {
            if (!VenueAdapters.Has(venue.Venue))
            {
                continue;
            }

            VenueAdapters.For(venue.Venue).PointAtSimulator(settings.Venues, sim.WsBase(venue.Venue), sim.RestBase(venue.Venue), assets);
            enabled.Add(venue.Venue.Name());
        }

        settings.Venues.Enabled = enabled;

        // The simulator's own USD/KRW quote, in Dunamu's format, and its keys for the wallet endpoints that need them (venue
        // auth is checked there as by the real venues); keys configured for the real venues are never sent to it.
        settings.FxSource.Url = sim.FxQuoteUrl.ToString();
        settings.FxSource.JsonPath = "0.basePrice";
        settings.Credentials.Clear();
        foreach (var venue in sim.Simulation.Venues)
        {
            settings.Credentials[venue.Venue.Name()] = new VenueCredentialOptions
            {
                ApiKey = sim.Simulation.Options.ApiKey,
                ApiSecret = sim.Simulation.Options.ApiSecret,
                Passphrase = sim.Simulation.Options.ApiPassphrase,
            };
        }
    }
}
