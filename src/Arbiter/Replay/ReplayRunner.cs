using Arbiter.Api;
using Arbiter.Capture;
using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Replay;

/// <summary>
/// Runs a capture through the same adapters and engine as a live run, with no sockets and on the capture's clock.
/// Adapters are rebuilt from the capture's <c>config</c> lines (what was received); the engine uses the current
/// configuration (what to conclude from it), so a capture can also be replayed with other fees or thresholds.
/// FX quotes and wallet snapshots recorded as <c>fx</c> and <c>wallets</c> lines reach the engine at their recorded
/// times, so KRW conversions and transfer routes come out as they did live; captures older than them still replay.
/// Engine settings the operator changed during the run (<c>settings</c> lines, from <c>PUT /api/settings</c> or overrides
/// restored at start) are applied at their recorded place too, unless the replay is asked to keep the configured values
/// throughout (<c>--ignore-recorded-settings</c>), e.g. to see a run under other thresholds.
/// </summary>
public static class ReplayRunner
{
    /// <param name="applyRecordedSettings">Apply the capture's <c>settings</c> lines (the default); false keeps <paramref name="settings"/>' engine values throughout.</param>
    public static ReplaySummary Run(string capturePath, string eventsPath, string? booksPath, ArbiterSettings settings, bool applyRecordedSettings = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(capturePath))
        {
            throw new FileNotFoundException($"Capture '{capturePath}' does not exist.", capturePath);
        }

        var catalog = new InstrumentCatalog();
        var pool = new MarketEventPool();
        using var events = new EventsFileWriter(eventsPath);
        var engine = new MarketEngine(settings.Engine, new ReplayOutputSink(events));
        var sink = new DirectMarketEventSink(engine, pool);
        var protocols = new IVenueProtocol?[VenueNames.Count];
        long records = 0;
        foreach (var record in CaptureReader.Read(capturePath))
        {
            records++;
            if (record.Kind == CaptureKinds.Tick)
            {
                var tick = sink.Rent();
                tick.Kind = MarketEventKind.Tick;
                tick.ReceiveTime = record.Time;
                sink.TryPublish(tick);
                continue;
            }

            if (record.Kind == CaptureKinds.Fx)
            {
                var fx = sink.Rent();
                fx.Kind = MarketEventKind.FxQuote;
                fx.ReceiveTime = record.Time;
                fx.Fx = Payload(record, capturePath, CapturePayloads.ReadFx);
                sink.TryPublish(fx);
                continue;
            }

            if (record.Kind == CaptureKinds.Settings)
            {
                var runtime = Payload(record, capturePath, CapturePayloads.ReadSettings);
                if (settings.Engine.WithRuntime(runtime).Validate().ToList() is [_, ..] problems)
                {
                    throw new FormatException($"{capturePath}:{record.LineNumber}: the 'settings' line's values are out of range: {string.Join(" ", problems)}");
                }

                if (applyRecordedSettings)
                {
                    var changed = sink.Rent();
                    changed.Kind = MarketEventKind.SettingsChanged;
                    changed.ReceiveTime = record.Time;
                    changed.Settings = runtime;
                    sink.TryPublish(changed);
                }

                continue;
            }

            var venue = record.Venue!.Value;
            if (record.Kind == CaptureKinds.Wallets)
            {
                var wallets = sink.Rent();
                wallets.Kind = MarketEventKind.WalletStatus;
                wallets.ReceiveTime = record.Time;
                wallets.Venue = venue;
                wallets.Wallets = Payload(record, capturePath, CapturePayloads.ReadWallets);
                sink.TryPublish(wallets);
                continue;
            }

            if (record.Kind == CaptureKinds.Config)
            {
                try
                {
                    protocols[(int)venue] = VenueAdapters.Create(venue, System.Text.Encoding.UTF8.GetString(record.Data), settings, catalog, sink, NullVenueActions.Instance);
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw new FormatException($"{capturePath}:{record.LineNumber}: the {venue.Name()} config line is not valid adapter options: {ex.Message}", ex);
                }

                continue;
            }

            var protocol = protocols[(int)venue] ??= VenueAdapters.Create(venue, null, settings, catalog, sink, NullVenueActions.Instance);
            switch (record.Kind)
            {
                case CaptureKinds.Rest:
                    protocol.OnRestResponse(Required(record.Url, record), record.Data, record.Time);
                    break;
                case CaptureKinds.RestError:
                    protocol.OnRestFailure(Required(record.Url, record), record.Error ?? "", record.Time);
                    break;
                case CaptureKinds.Open:
                    protocol.OnOpened(Required(record.Connection, record), record.Time);
                    break;
                case CaptureKinds.Ws:
                    protocol.OnFrame(Required(record.Connection, record), record.Data, record.Time);
                    break;
                case CaptureKinds.Close:
                    protocol.OnClosed(Required(record.Connection, record), record.Time);
                    break;
                default:
                    throw new FormatException($"{capturePath}:{record.LineNumber}: unknown kind '{record.Kind}'.");
            }
        }

        if (booksPath is not null)
        {
            BooksFileWriter.Write(booksPath, engine);
        }

        var stats = engine.Stats;
        return new ReplaySummary(records, events.Written, stats.OpportunitiesOpened, engine.Clock);
    }

    /// <summary>The record's <c>data</c> decoded by <paramref name="read"/>, or an error naming the line.</summary>
    private static T Payload<T>(CaptureRecord record, string capturePath, Func<string, T> read)
    {
        try
        {
            return read(System.Text.Encoding.UTF8.GetString(record.Data));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new FormatException($"{capturePath}:{record.LineNumber}: the '{record.Kind}' line's data is not valid: {ex.Message}", ex);
        }
    }

    private static string Required(string? value, CaptureRecord record) =>
        value ?? throw new FormatException($"line {record.LineNumber}: a '{record.Kind}' line needs {(record.Kind is CaptureKinds.Rest or CaptureKinds.RestError ? "'url'" : "'conn'")}.");
}
