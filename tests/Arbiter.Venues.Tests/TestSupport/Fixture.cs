namespace Arbiter.Venues.Tests.TestSupport;

/// <summary>Reads the real-format fixtures copied next to the test assembly (see Fixtures/SOURCES.md).</summary>
internal static class Fixture
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
