using Arbiter.Storage;

namespace Arbiter.Tests.Storage;

/// <summary>A damaged file stops the start with an error naming it, and is never replaced or rewritten.</summary>
public sealed class IntegrityTests
{
    [Fact]
    public void Open_GarbledPages_FailsIntegrityCheckNamingTheFile_FileUntouched()
    {
        using var fx = new StoreFixtures();
        var path = fx.PathOf();
        using (var store = fx.Open(Fast(fx)))
        {
            for (var i = 0; i < 2000; i++)
            {
                store.RecordQueued(new AlertDraft("telegram", "1", $"key-{i}", "BTC", i, new string('x', 200)), StoreFixtures.T0 + i);
            }

            store.Cleanup(StoreFixtures.T0); // checkpoint: every page is in the main file
        }

        // Garble a run of bytes in the middle of the file (b-tree pages of the alerts table), leaving the header valid.
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 64 * 1024);
        for (var i = 0; i < 4096; i++)
        {
            bytes[(bytes.Length / 2) + i] = (byte)(i * 37);
        }

        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<StoreOpenException>(() => fx.Open());
        Assert.Contains($"Storage:Path '{path}'", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("integrity_check", StringComparison.Ordinal) || error.Message.Contains("not a usable SQLite database", StringComparison.Ordinal), error.Message);
        Assert.Contains("left as it is", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_TruncatedFile_FailsNamingTheFile()
    {
        using var fx = new StoreFixtures();
        var path = fx.PathOf();
        using (var store = fx.Open(Fast(fx)))
        {
            for (var i = 0; i < 2000; i++)
            {
                store.RecordQueued(new AlertDraft("telegram", "1", $"key-{i}", "BTC", i, new string('y', 200)), StoreFixtures.T0 + i);
            }

            store.Cleanup(StoreFixtures.T0);
        }

        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length / 3);
        }

        var error = Assert.Throws<StoreOpenException>(() => fx.Open());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(SqliteStoreProblems(path));
    }

    [Fact]
    public void Open_NotADatabase_FailsNamingTheFile_FileUntouched()
    {
        using var fx = new StoreFixtures();
        var path = fx.PathOf();
        var text = "this is a text file, not SQLite\n"u8.ToArray().Concat(new byte[8192]).ToArray();
        File.WriteAllBytes(path, text);

        var error = Assert.Throws<StoreOpenException>(() => fx.Open());
        Assert.Contains($"Storage:Path '{path}' is not a usable SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllBytes(path));
    }

    /// <summary>No fsync per alert: the filling is not under test here.</summary>
    private static StorageOptions Fast(StoreFixtures fx)
    {
        var options = fx.Options();
        options.Synchronous = "NORMAL";
        return options;
    }

    private static IReadOnlyList<string> SqliteStoreProblems(string path)
    {
        try
        {
            return SqliteStore.IntegrityCheck(path);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return [ex.Message];
        }
    }
}
