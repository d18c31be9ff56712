using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>
/// The store's schema, versioned in code: a migration is never edited once released, only followed by another. The
/// applied versions are rows of <c>schema_version</c>; each migration runs in one transaction with its row, so a kill
/// leaves the file at the previous version or the next, never between.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "runs, opportunity history, venue status history",
        [
            """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at INTEGER NOT NULL)
            """,
            """
            CREATE TABLE opportunities (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER NOT NULL,
                opportunity_id INTEGER NOT NULL,
                asset TEXT NOT NULL,
                buy_venue TEXT NOT NULL,
                buy_symbol TEXT NOT NULL,
                sell_venue TEXT NOT NULL,
                sell_symbol TEXT NOT NULL,
                first_seen INTEGER NOT NULL,
                last_updated INTEGER NOT NULL,
                closed_at INTEGER,
                close_reason TEXT,
                peak_net_profit_usd TEXT NOT NULL,
                peak_net_premium_bps TEXT NOT NULL,
                duration_us INTEGER NOT NULL,
                size TEXT NOT NULL,
                net_profit_usd TEXT NOT NULL,
                net_premium_bps TEXT NOT NULL,
                transfer_available INTEGER NOT NULL,
                transfer_network TEXT,
                transfer_fee TEXT,
                transfer_fee_usd TEXT,
                transfer_net_profit_usd TEXT,
                transfer_unavailable TEXT,
                events INTEGER NOT NULL,
                UNIQUE (run_id, opportunity_id))
            """,
            "CREATE INDEX ix_opportunities_first_seen ON opportunities (first_seen)",
            "CREATE INDEX ix_opportunities_last_updated ON opportunities (last_updated)",
            "CREATE INDEX ix_opportunities_asset ON opportunities (asset, first_seen)",
            """
            CREATE TABLE venue_status (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                venue TEXT NOT NULL,
                time INTEGER NOT NULL,
                kind TEXT NOT NULL,
                state TEXT NOT NULL,
                detail TEXT)
            """,
            "CREATE INDEX ix_venue_status_time ON venue_status (time)",
        ]),
        new(2, "alert log and subscribers",
        [
            """
            CREATE TABLE alerts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                sink TEXT NOT NULL,
                target TEXT NOT NULL,
                opportunity_key TEXT NOT NULL,
                asset TEXT,
                net_profit_usd TEXT NOT NULL,
                state TEXT NOT NULL,
                queued_at INTEGER NOT NULL,
                sent_at INTEGER,
                dropped_at INTEGER,
                drop_reason TEXT,
                text TEXT NOT NULL)
            """,
            "CREATE INDEX ix_alerts_key_target ON alerts (opportunity_key, target, state)",
            "CREATE INDEX ix_alerts_queued_at ON alerts (queued_at)",
            """
            CREATE TABLE subscribers (
                chat_id INTEGER PRIMARY KEY,
                user_name TEXT,
                settings_json TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL)
            """,
        ]),
        new(3, "settings overrides",
        [
            """
            CREATE TABLE settings_overrides (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                changed_at INTEGER NOT NULL)
            """,
        ]),
        new(4, "settings override targets",
        [
            // What an override was made for when its key alone cannot say: a webhook's fingerprint, so that an override
            // follows its webhook when Alerts:Webhooks is reordered. Empty for every other key and for rows written by v3.
            "ALTER TABLE settings_overrides ADD COLUMN target TEXT NOT NULL DEFAULT ''",
        ]),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>The highest applied version; 0 for an empty file.</summary>
    public static int CurrentVersion(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using var max = connection.CreateCommand();
        max.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(max.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Applies every migration above the file's version up to <paramref name="upTo"/>, each in its own transaction; returns the versions applied.</summary>
    public static List<int> Apply(SqliteConnection connection, long time, int? upTo = null)
    {
        var target = upTo ?? Latest;
        var applied = new List<int>();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL, description TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }

        var current = CurrentVersion(connection);
        foreach (var migration in All)
        {
            if (migration.Version <= current || migration.Version > target)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            foreach (var sql in migration.Statements)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }

            using (var row = connection.CreateCommand())
            {
                row.Transaction = transaction;
                row.CommandText = "INSERT INTO schema_version (version, applied_at, description) VALUES ($v, $t, $d)";
                row.Parameters.AddWithValue("$v", migration.Version);
                row.Parameters.AddWithValue("$t", time);
                row.Parameters.AddWithValue("$d", migration.Description);
                row.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(migration.Version);
        }

        return applied;
    }
}
