namespace Arbiter.Benchmarks.Support;

/// <summary>Reads the venue tests' real-format fixtures, embedded in this assembly (provenance: tests/Arbiter.Venues.Tests/Fixtures/SOURCES.md).</summary>
internal static class Fixture
{
    public static byte[] Read(string name)
    {
        using var stream = typeof(Fixture).Assembly.GetManifestResourceStream("Fixtures/" + name)
            ?? throw new InvalidOperationException($"Fixture {name} is not embedded in {typeof(Fixture).Assembly.GetName().Name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
