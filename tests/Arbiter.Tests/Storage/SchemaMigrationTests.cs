using System.Globalization;
using Arbiter.Core;
using Arbiter.Storage;
using Microsoft.Data.Sqlite;

namespace Arbiter.Tests.Storage;

/// <summary>The schema is versioned in code: from an empty file, from version 1, again (a no-op), and a newer file is refused.</summary>
public sealed class SchemaMigrationTests
{
    [Fact]
    public void Open_EmptyFile_AppliesEveryMigrationInWalWithIncrementalVacuum()
    {
        using var fx = new StoreFixtures();
        using (var store = fx.Open())
        {
            Assert.Equal(4, store.SchemaVersion());
        }

        using var connection = Connect(fx.PathOf());
        Assert.Equal(["1 runs, opportunity history, venue status history", "2 alert log and subscribers", "3 settings overrides", "4 settings override targets"], Rows(connection, "SELECT version || ' ' || description FROM schema_version ORDER BY version"));
        Assert.Equal(["alerts", "opportunities", "runs", "schema_version", "settings_overrides", "subscribers", "venue_status"], Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
        Assert.Equal(["wal"], Rows(connection, "PRAGMA journal_mode"));
        Assert.Equal(["2"], Rows(connection, "PRAGMA auto_vacuum")); // 2 = incremental
    }

    [Fact]
    public void Open_Version1File_MigratesToLatestKeepingItsRows()
    {
        using var fx = new StoreFixtures();
        using (var connection = Connect(fx.PathOf()))
        {
            Assert.Equal([1], SchemaMigrations.Apply(connection, StoreFixtures.T0, upTo: 1));
            Exec(connection, "INSERT INTO venue_status (venue, time, kind, state, detail) VALUES ('okx', 5, 'connection', 'connected', NULL)");
            Assert.Equal(["schema_version", "runs", "opportunities", "venue_status"], Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"));
        }

        using var store = fx.Open();
        Assert.Equal(4, store.SchemaVersion());
        Assert.Equal([new VenueStatusRow(1, "okx", 5, "connection", "connected", null)], store.QueryVenueStatus(null, null, null, 10));
        store.PutSubscriber(7, "ann", new SubscriberSettings(ThresholdBps: 50m), StoreFixtures.T0);
        Assert.Equal("ann", store.GetSubscriber(7)?.UserName);
    }

    [Fact]
    public void Open_Version3File_KeepsItsSettingsOverrides_WithAnEmptyTarget()
    {
        using var fx = new StoreFixtures();
        using (var connection = Connect(fx.PathOf()))
        {
            Assert.Equal([1, 2, 3], SchemaMigrations.Apply(connection, StoreFixtures.T0, upTo: 3));
            Exec(connection, "INSERT INTO settings_overrides (key, value, changed_at) VALUES ('Alerts:Webhooks:0:MinNetProfitUsd', '12', 9)");
        }

        using var store = fx.Open();
        Assert.Equal(4, store.SchemaVersion());
        Assert.Equal([new StoredSettingsOverride("Alerts:Webhooks:0:MinNetProfitUsd", "12", 9, "")], store.SettingsOverrides());
    }

    [Fact]
    public void Open_Twice_AppliesNothingTheSecondTime()
    {
        using var fx = new StoreFixtures();
        fx.Open().Dispose();
        fx.Clock.Advance(TimeSpan.FromMinutes(1));
        fx.Open().Dispose();

        using var connection = Connect(fx.PathOf());
        var expected = StoreFixtures.T0.ToString(CultureInfo.InvariantCulture);
        Assert.Equal([expected, expected, expected, expected], Rows(connection, "SELECT applied_at FROM schema_version ORDER BY version"));
    }

    [Fact]
    public void Open_NewerSchema_IsRefusedNamingTheFile_AndLeavesItAlone()
    {
        using var fx = new StoreFixtures();
        fx.Open().Dispose();
        using (var connection = Connect(fx.PathOf()))
        {
            Exec(connection, "INSERT INTO schema_version (version, applied_at, description) VALUES (99, 0, 'from the future')");
        }

        var error = Assert.Throws<StoreOpenException>(() => fx.Open());
        Assert.Contains(fx.PathOf(), error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        using var check = Connect(fx.PathOf());
        Assert.Equal(["99"], Rows(check, "SELECT max(version) FROM schema_version"));
    }

    internal static SqliteConnection Connect(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    internal static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }
}
