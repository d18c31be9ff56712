using System.Globalization;
using System.Text.Json;
using Arbiter.Api;
using Arbiter.Core;
using Arbiter.Engine;
using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>
/// The SQLite file of opportunity history, venue status history, the alert log and subscribers. Opening it checks its
/// integrity (a damaged file is an error naming it, never silently replaced), switches it to WAL and migrates its schema.
/// Every write goes through one connection under one lock (so writers never wait on SQLite's file lock); each read
/// opens its own connection, which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteStore : IDisposable
{
    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.Web);
    private readonly object gate = new();
    private readonly SqliteConnection writer;
    private readonly string readConnectionString;
    private readonly StorageOptions options;
    private bool disposed;

    private SqliteStore(string path, SqliteConnection writer, StorageOptions options)
    {
        FilePath = path;
        this.writer = writer;
        this.options = options;
        readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens (or creates) the file of <paramref name="options"/>: integrity check, WAL, <c>synchronous</c>, migrations.
    /// Throws <see cref="StoreOpenException"/> naming the file when it is damaged, not a database, or of a newer schema.
    /// </summary>
    public static SqliteStore Open(StorageOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        SQLitePCL.Batteries_V2.Init();
        var path = System.IO.Path.GetFullPath(options.Path);
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var isNew = !File.Exists(path) || new FileInfo(path).Length == 0;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000");
            if (isNew)
            {
                // Only takes effect before the first table: lets the cleanup give freed pages back to the file system.
                Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL");
            }

            var problems = IntegrityProblems(connection);
            if (problems.Count > 0)
            {
                throw new StoreOpenException(
                    $"Storage:Path '{path}' fails SQLite's integrity_check ({string.Join("; ", problems.Take(5))}). The file was left as it is: " +
                    "move it away (or restore a backup) to start with an empty store, or set Storage:Enabled to false.");
            }

            var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StoreOpenException($"Storage:Path '{path}': SQLite refused WAL journaling (journal_mode is '{mode}').");
            }

            Execute(connection, $"PRAGMA synchronous = {options.SynchronousPragma}");
            var version = SchemaMigrations.CurrentVersion(connection);
            if (version > SchemaMigrations.Latest)
            {
                throw new StoreOpenException($"Storage:Path '{path}' has schema version {version}, written by a newer Arbiter; this one knows up to {SchemaMigrations.Latest}. The file was left as it is.");
            }

            SchemaMigrations.Apply(connection, UnixMicros.Now(clock));
            return new SqliteStore(path, connection, options);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StoreOpenException($"Storage:Path '{path}' is not a usable SQLite database: {ex.Message} The file was left as it is: move it away (or restore a backup) to start with an empty store, or set Storage:Enabled to false.", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>What <c>PRAGMA integrity_check</c> reports about <paramref name="path"/>: empty when the file is sound.</summary>
    public static IReadOnlyList<string> IntegrityCheck(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return IntegrityProblems(connection);
    }

    /// <summary>The applied schema version.</summary>
    public int SchemaVersion()
    {
        lock (gate)
        {
            return SchemaMigrations.CurrentVersion(writer);
        }
    }

    /// <summary>Starts a run (one process lifetime of the engine); opportunity ids are unique within it.</summary>
    public long StartRun(long time)
    {
        lock (gate)
        {
            using var command = writer.CreateCommand();
            command.CommandText = "INSERT INTO runs (started_at) VALUES ($t); SELECT last_insert_rowid()";
            command.Parameters.AddWithValue("$t", time);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Writes engine outputs of run <paramref name="runId"/> in one transaction: opportunity events (one row per
    /// opportunity, upserted), connection changes, quality exclusions and wallet changes (venue status rows).
    /// </summary>
    public void Write(long runId, IReadOnlyList<StoredOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var transaction = writer.BeginTransaction();
            using var upsert = OpportunityUpsert(transaction);
            using var status = VenueStatusInsert(transaction);
            foreach (var stored in outputs)
            {
                var output = stored.Output;
                if (output.Opportunity is { } opportunityEvent)
                {
                    BindOpportunity(upsert, runId, opportunityEvent);
                    upsert.ExecuteNonQuery();
                }
                else if (output.Quality is { } quality)
                {
                    BindStatus(status, quality.Venue, quality.Time, "quality", quality.Excluded ? "excluded" : "readmitted", string.Create(CultureInfo.InvariantCulture, $"score {quality.Score:0.##}"));
                    status.ExecuteNonQuery();
                }
                else if (output.WalletChange is { } change)
                {
                    BindStatus(status, change.Venue, change.Time, "wallet", $"{change.Asset.Code} {change.Network} {Describe(change.Current)}", change.Previous is null ? "new" : "was " + Describe(change.Previous));
                    status.ExecuteNonQuery();
                }
                else if (stored.IsConnection)
                {
                    BindStatus(status, output.Venue, output.Time, "connection", output.Connection.ToString().ToLowerInvariant(), null);
                    status.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// Deletes rows older than <c>Storage:RetainDays</c> before <paramref name="now"/> (unix µs) and beyond the row limits
    /// (oldest first), gives the freed pages back to the file system and truncates the WAL.
    /// </summary>
    public CleanupResult Cleanup(long now)
    {
        var cutoff = now - (options.RetainDays * 86_400_000_000L);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            long opportunities, alerts, venueEvents;
            using (var transaction = writer.BeginTransaction())
            {
                opportunities = Delete(transaction, "DELETE FROM opportunities WHERE last_updated < $cutoff", cutoff)
                    + Delete(transaction, "DELETE FROM opportunities WHERE id <= (SELECT id FROM opportunities ORDER BY id DESC LIMIT 1 OFFSET $keep)", options.MaxOpportunities);
                alerts = Delete(transaction, "DELETE FROM alerts WHERE queued_at < $cutoff", cutoff)
                    + Delete(transaction, "DELETE FROM alerts WHERE id <= (SELECT id FROM alerts ORDER BY id DESC LIMIT 1 OFFSET $keep)", options.MaxAlerts);
                venueEvents = Delete(transaction, "DELETE FROM venue_status WHERE time < $cutoff", cutoff)
                    + Delete(transaction, "DELETE FROM venue_status WHERE id <= (SELECT id FROM venue_status ORDER BY id DESC LIMIT 1 OFFSET $keep)", options.MaxVenueEvents);
                Delete(transaction, "DELETE FROM runs WHERE started_at < $cutoff AND id NOT IN (SELECT run_id FROM opportunities)", cutoff);
                transaction.Commit();
            }

            Execute(writer, "PRAGMA incremental_vacuum");
            Execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
            return new CleanupResult(opportunities, alerts, venueEvents);
        }
    }

    /// <summary>Row counts of the history tables.</summary>
    public (long Opportunities, long Alerts, long VenueEvents, long Subscribers) Counts()
    {
        using var connection = OpenReader();
        return (Count(connection, "opportunities"), Count(connection, "alerts"), Count(connection, "venue_status"), Count(connection, "subscribers"));
    }

    /// <summary>Opportunity history matching <paramref name="filter"/>, newest first (by first seen).</summary>
    public IReadOnlyList<OpportunityHistoryRow> QueryOpportunities(HistoryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var where = new SqlConditions(command);
        if (filter.Asset is { } asset)
        {
            where.Add("asset = $asset", "$asset", asset.ToUpperInvariant());
        }

        if (filter.Venue is { } venue)
        {
            where.Add("(buy_venue = $venue OR sell_venue = $venue)", "$venue", venue.ToLowerInvariant());
        }

        if (filter.From is { } from)
        {
            where.Add("last_updated >= $from", "$from", from);
        }

        if (filter.To is { } to)
        {
            where.Add("first_seen <= $to", "$to", to);
        }

        command.CommandText = "SELECT run_id, opportunity_id, asset, buy_venue, buy_symbol, sell_venue, sell_symbol, first_seen, last_updated, closed_at, close_reason, " +
            "peak_net_profit_usd, peak_net_premium_bps, duration_us, size, net_profit_usd, net_premium_bps, transfer_available, transfer_network, transfer_fee, " +
            "transfer_fee_usd, transfer_net_profit_usd, transfer_unavailable, events FROM opportunities" +
            where.Where +
            " ORDER BY first_seen DESC, id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(filter.Limit, 1, HistoryFilter.MaxLimit));
        var rows = new List<OpportunityHistoryRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new OpportunityHistoryRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetInt64(7), reader.GetInt64(8), NullableLong(reader, 9), NullableString(reader, 10),
                Dec(reader.GetString(11)), Dec(reader.GetString(12)), reader.GetInt64(13), Dec(reader.GetString(14)), Dec(reader.GetString(15)), Dec(reader.GetString(16)),
                reader.GetInt64(17) != 0, NullableString(reader, 18), NullableDec(reader, 19), NullableDec(reader, 20), NullableDec(reader, 21), NullableString(reader, 22),
                reader.GetInt32(23)));
        }

        return rows;
    }

    /// <summary>The alert log matching <paramref name="filter"/>, newest first.</summary>
    public IReadOnlyList<AlertRecord> QueryAlerts(AlertFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var where = new SqlConditions(command);
        if (filter.Asset is { } asset)
        {
            where.Add("asset = $asset", "$asset", asset.ToUpperInvariant());
        }

        if (filter.Sink is { } sink)
        {
            where.Add("sink = $sink", "$sink", sink);
        }

        if (filter.Target is { } target)
        {
            where.Add("target = $target", "$target", target);
        }

        if (filter.State is { } state)
        {
            where.Add("state = $state", "$state", StateName(state));
        }

        if (filter.From is { } from)
        {
            where.Add("queued_at >= $from", "$from", from);
        }

        if (filter.To is { } to)
        {
            where.Add("queued_at <= $to", "$to", to);
        }

        command.CommandText = AlertColumns + where.Where + " ORDER BY queued_at DESC, id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(filter.Limit, 1, HistoryFilter.MaxLimit));
        return ReadAlerts(command);
    }

    /// <summary>Venue status history of <paramref name="venue"/> (or all), newest first.</summary>
    public IReadOnlyList<VenueStatusRow> QueryVenueStatus(string? venue, long? from, long? to, int limit)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, venue, time, kind, state, detail FROM venue_status WHERE ($venue IS NULL OR venue = $venue) AND ($from IS NULL OR time >= $from) AND ($to IS NULL OR time <= $to) ORDER BY time DESC, id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$venue", (object?)venue?.ToLowerInvariant() ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", (object?)from ?? DBNull.Value);
        command.Parameters.AddWithValue("$to", (object?)to ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, HistoryFilter.MaxLimit));
        var rows = new List<VenueStatusRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new VenueStatusRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), NullableString(reader, 5)));
        }

        return rows;
    }

    /// <summary>Records <paramref name="alert"/> as queued at <paramref name="time"/> (unix µs), committed before it returns; returns its id.</summary>
    public long RecordQueued(AlertDraft alert, long time)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var command = writer.CreateCommand();
            command.CommandText = "INSERT INTO alerts (sink, target, opportunity_key, asset, net_profit_usd, state, queued_at, text) VALUES ($sink, $target, $key, $asset, $net, 'queued', $time, $text); SELECT last_insert_rowid()";
            command.Parameters.AddWithValue("$sink", alert.Sink);
            command.Parameters.AddWithValue("$target", alert.Target);
            command.Parameters.AddWithValue("$key", alert.OpportunityKey);
            command.Parameters.AddWithValue("$asset", (object?)alert.Asset?.ToUpperInvariant() ?? DBNull.Value);
            command.Parameters.AddWithValue("$net", Text(alert.NetProfitUsd));
            command.Parameters.AddWithValue("$time", time);
            command.Parameters.AddWithValue("$text", alert.Text);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Marks alert <paramref name="id"/> sent at <paramref name="time"/>.</summary>
    public void RecordSent(long id, long time) => Finish(id, "UPDATE alerts SET state = 'sent', sent_at = $time WHERE id = $id", time, null);

    /// <summary>Marks alert <paramref name="id"/> dropped at <paramref name="time"/> for <paramref name="reason"/>.</summary>
    public void RecordDropped(long id, long time, string reason) => Finish(id, "UPDATE alerts SET state = 'dropped', dropped_at = $time, drop_reason = $reason WHERE id = $id", time, reason ?? "");

    /// <summary>The last alert sent for this opportunity key to this target, or null.</summary>
    public AlertRecord? LastSent(string opportunityKey, string target)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = AlertColumns + " WHERE opportunity_key = $key AND target = $target AND state = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1";
        command.Parameters.AddWithValue("$key", opportunityKey);
        command.Parameters.AddWithValue("$target", target);
        var rows = ReadAlerts(command);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>
    /// Marks the still-queued alert of <paramref name="opportunityKey"/> to <paramref name="target"/> queued at
    /// <paramref name="queuedAt"/> sent (<paramref name="reason"/> null) or dropped; false when there is none.
    /// </summary>
    public bool FinishQueued(string opportunityKey, string target, long queuedAt, long time, string? reason)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var command = writer.CreateCommand();
            command.CommandText = reason is null
                ? "UPDATE alerts SET state = 'sent', sent_at = $time WHERE id = (SELECT max(id) FROM alerts WHERE opportunity_key = $key AND target = $target AND queued_at = $queued AND state = 'queued')"
                : "UPDATE alerts SET state = 'dropped', dropped_at = $time, drop_reason = $reason WHERE id = (SELECT max(id) FROM alerts WHERE opportunity_key = $key AND target = $target AND queued_at = $queued AND state = 'queued')";
            command.Parameters.AddWithValue("$key", opportunityKey);
            command.Parameters.AddWithValue("$target", target);
            command.Parameters.AddWithValue("$queued", queuedAt);
            command.Parameters.AddWithValue("$time", time);
            if (reason is not null)
            {
                command.Parameters.AddWithValue("$reason", reason);
            }

            return command.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>The last alert recorded (in any state) for this opportunity key and target, or null: the dedup state of the alert policy.</summary>
    public AlertRecord? LastRecorded(string opportunityKey, string target)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = AlertColumns + " WHERE opportunity_key = $key AND target = $target ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$key", opportunityKey);
        command.Parameters.AddWithValue("$target", target);
        var rows = ReadAlerts(command);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Alerts still queued (neither sent nor dropped), oldest first: after a crash these may or may not have reached the recipient (the alert path marks them dropped at start and never resends them).</summary>
    public IReadOnlyList<AlertRecord> Unfinished()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = AlertColumns + " WHERE state = 'queued' ORDER BY id";
        return ReadAlerts(command);
    }

    /// <summary>The subscriber of <paramref name="chatId"/>, or null.</summary>
    public Subscriber? GetSubscriber(long chatId)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chat_id, user_name, settings_json, created_at, updated_at FROM subscribers WHERE chat_id = $id";
        command.Parameters.AddWithValue("$id", chatId);
        var rows = ReadSubscribers(command);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Every subscriber, by chat id.</summary>
    public IReadOnlyList<Subscriber> Subscribers()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chat_id, user_name, settings_json, created_at, updated_at FROM subscribers ORDER BY chat_id";
        return ReadSubscribers(command);
    }

    /// <summary>Inserts or replaces the subscriber (keeping its first <see cref="Subscriber.CreatedAt"/>) at <paramref name="time"/> (unix µs).</summary>
    public void PutSubscriber(long chatId, string? userName, SubscriberSettings settings, long time) => PutSubscriber(chatId, userName, settings, time, null);

    /// <summary>As <see cref="PutSubscriber(long, string?, SubscriberSettings, long)"/>, with the subscription time given (it then replaces the stored one).</summary>
    public void PutSubscriber(long chatId, string? userName, SubscriberSettings settings, long time, long? createdAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var command = writer.CreateCommand();
            command.CommandText = "INSERT INTO subscribers (chat_id, user_name, settings_json, created_at, updated_at) VALUES ($id, $name, $json, coalesce($created, $time), $time) " +
                "ON CONFLICT (chat_id) DO UPDATE SET user_name = excluded.user_name, settings_json = excluded.settings_json, updated_at = excluded.updated_at, " +
                "created_at = coalesce($created, created_at)";
            command.Parameters.AddWithValue("$id", chatId);
            command.Parameters.AddWithValue("$name", (object?)userName ?? DBNull.Value);
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(settings, SettingsJson));
            command.Parameters.AddWithValue("$time", time);
            command.Parameters.AddWithValue("$created", (object?)createdAt ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Removes the subscriber; false when there was none.</summary>
    public bool DeleteSubscriber(long chatId)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var command = writer.CreateCommand();
            command.CommandText = "DELETE FROM subscribers WHERE chat_id = $id";
            command.Parameters.AddWithValue("$id", chatId);
            return command.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>The settings overrides saved by <see cref="ReplaceSettingsOverrides"/>, by key.</summary>
    public IReadOnlyList<StoredSettingsOverride> SettingsOverrides()
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value, changed_at, target FROM settings_overrides ORDER BY key";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredSettingsOverride>();
        while (reader.Read())
        {
            rows.Add(new StoredSettingsOverride(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Replaces every saved settings override with <paramref name="overrides"/>, in one transaction.</summary>
    public void ReplaceSettingsOverrides(IReadOnlyList<StoredSettingsOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var transaction = writer.BeginTransaction();
            using (var delete = writer.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM settings_overrides";
                delete.ExecuteNonQuery();
            }

            using var insert = writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO settings_overrides (key, value, changed_at, target) VALUES ($key, $value, $time, $target)";
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            var time = insert.Parameters.Add("$time", SqliteType.Integer);
            var target = insert.Parameters.Add("$target", SqliteType.Text);
            foreach (var row in overrides)
            {
                key.Value = row.Key;
                value.Value = row.Value;
                time.Value = row.ChangedAt;
                target.Value = row.Target;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            writer.Dispose();
        }
    }

    private const string AlertColumns = "SELECT id, sink, target, opportunity_key, asset, net_profit_usd, state, queued_at, sent_at, dropped_at, drop_reason, text FROM alerts";

    private void Finish(long id, string sql, long time, string? reason)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var command = writer.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$time", time);
            if (reason is not null)
            {
                command.Parameters.AddWithValue("$reason", reason);
            }

            if (command.ExecuteNonQuery() == 0)
            {
                throw new ArgumentException($"No alert with id {id} in the alert log.", nameof(id));
            }
        }
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var connection = new SqliteConnection(readConnectionString);
        connection.Open();
        return connection;
    }

    private SqliteCommand OpportunityUpsert(SqliteTransaction transaction)
    {
        var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO opportunities (run_id, opportunity_id, asset, buy_venue, buy_symbol, sell_venue, sell_symbol, first_seen, last_updated, closed_at, close_reason, " +
            "peak_net_profit_usd, peak_net_premium_bps, duration_us, size, net_profit_usd, net_premium_bps, transfer_available, transfer_network, transfer_fee, " +
            "transfer_fee_usd, transfer_net_profit_usd, transfer_unavailable, events) VALUES " +
            "($run, $id, $asset, $bv, $bs, $sv, $ss, $first, $time, $closed, $reason, $peak, $peakBps, $duration, $size, $net, $bps, $ta, $tn, $tf, $tfu, $tnp, $tu, 1) " +
            "ON CONFLICT (run_id, opportunity_id) DO UPDATE SET last_updated = excluded.last_updated, closed_at = coalesce(excluded.closed_at, closed_at), " +
            "close_reason = coalesce(excluded.close_reason, close_reason), peak_net_profit_usd = excluded.peak_net_profit_usd, peak_net_premium_bps = excluded.peak_net_premium_bps, " +
            "duration_us = excluded.duration_us, size = excluded.size, net_profit_usd = excluded.net_profit_usd, net_premium_bps = excluded.net_premium_bps, " +
            "transfer_available = excluded.transfer_available, transfer_network = excluded.transfer_network, transfer_fee = excluded.transfer_fee, " +
            "transfer_fee_usd = excluded.transfer_fee_usd, transfer_net_profit_usd = excluded.transfer_net_profit_usd, transfer_unavailable = excluded.transfer_unavailable, " +
            "events = events + 1";
        foreach (var name in (string[])["$run", "$id", "$asset", "$bv", "$bs", "$sv", "$ss", "$first", "$time", "$closed", "$reason", "$peak", "$peakBps", "$duration", "$size", "$net", "$bps", "$ta", "$tn", "$tf", "$tfu", "$tnp", "$tu"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void BindOpportunity(SqliteCommand command, long runId, OpportunityEvent e)
    {
        var o = e.Opportunity;
        var p = command.Parameters;
        var closed = e.Kind == OpportunityEventKind.Closed;
        p["$run"].Value = runId;
        p["$id"].Value = o.Id;
        p["$asset"].Value = o.Asset.Code;
        p["$bv"].Value = o.Buy.Venue.Name();
        p["$bs"].Value = o.Buy.Symbol;
        p["$sv"].Value = o.Sell.Venue.Name();
        p["$ss"].Value = o.Sell.Symbol;
        p["$first"].Value = o.FirstSeen;
        p["$time"].Value = e.Time;
        p["$closed"].Value = closed ? e.Time : DBNull.Value;
        p["$reason"].Value = closed ? (object?)e.CloseReason ?? "" : DBNull.Value;
        p["$peak"].Value = Text(o.PeakNetProfitUsd);
        p["$peakBps"].Value = Text(o.PeakNetPremiumBps);
        p["$duration"].Value = e.Time - o.FirstSeen;
        p["$size"].Value = Text(o.Size);
        p["$net"].Value = Text(o.NetProfitUsd);
        p["$bps"].Value = Text(o.NetPremiumBps);
        var t = o.Transfer;
        p["$ta"].Value = t.Available ? 1 : 0;
        p["$tn"].Value = (object?)t.Network ?? DBNull.Value;
        p["$tf"].Value = NullableText(t.WithdrawFee);
        p["$tfu"].Value = NullableText(t.FeeUsd);
        p["$tnp"].Value = NullableText(t.NetProfitUsd);
        p["$tu"].Value = (object?)t.Unavailable ?? DBNull.Value;
    }

    private SqliteCommand VenueStatusInsert(SqliteTransaction transaction)
    {
        var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO venue_status (venue, time, kind, state, detail) VALUES ($venue, $time, $kind, $state, $detail)";
        foreach (var name in (string[])["$venue", "$time", "$kind", "$state", "$detail"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void BindStatus(SqliteCommand command, VenueId venue, long time, string kind, string state, string? detail)
    {
        var p = command.Parameters;
        p["$venue"].Value = venue.Name();
        p["$time"].Value = time;
        p["$kind"].Value = kind;
        p["$state"].Value = state;
        p["$detail"].Value = (object?)detail ?? DBNull.Value;
    }

    private static string Describe(NetworkStatus? status) =>
        status is null ? "gone" : $"deposit {(status.DepositOpen ? "open" : "closed")}, withdraw {(status.WithdrawOpen ? "open" : "closed")}";

    private List<Subscriber> ReadSubscribers(SqliteCommand command)
    {
        var rows = new List<Subscriber>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var settings = JsonSerializer.Deserialize<SubscriberSettings>(reader.GetString(2), SettingsJson) ?? new SubscriberSettings();
            rows.Add(new Subscriber(reader.GetInt64(0), NullableString(reader, 1), settings, reader.GetInt64(3), reader.GetInt64(4)));
        }

        return rows;
    }

    private static List<AlertRecord> ReadAlerts(SqliteCommand command)
    {
        var rows = new List<AlertRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new AlertRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), NullableString(reader, 4), Dec(reader.GetString(5)),
                ParseState(reader.GetString(6)), reader.GetInt64(7), NullableLong(reader, 8), NullableLong(reader, 9), NullableString(reader, 10), reader.GetString(11)));
        }

        return rows;
    }

    internal static string StateName(AlertState state) => state switch
    {
        AlertState.Queued => "queued",
        AlertState.Sent => "sent",
        _ => "dropped",
    };

    private static AlertState ParseState(string state) => state switch
    {
        "queued" => AlertState.Queued,
        "sent" => AlertState.Sent,
        _ => AlertState.Dropped,
    };

    private static List<string> IntegrityProblems(SqliteConnection connection)
    {
        var problems = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }

        return problems;
    }

    private static long Delete(SqliteTransaction transaction, string sql, long value)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue(sql.Contains("$keep", StringComparison.Ordinal) ? "$keep" : "$cutoff", value);
        return command.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // Some pragmas answer with rows; read them so the statement runs to completion.
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static object NullableText(decimal? value) => value is { } v ? Text(v) : DBNull.Value;

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    private static decimal? NullableDec(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : Dec(reader.GetString(i));

    private static long? NullableLong(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);

    private static string? NullableString(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
