namespace Arbiter.Tests.Contract;

/// <summary>The venues' real-format fixture files (tests/Arbiter.Venues.Tests/Fixtures, provenance in its SOURCES files).</summary>
internal static class Fixtures
{
    public static byte[] Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"fixture {name} not found at {path}", path);
    }
}
