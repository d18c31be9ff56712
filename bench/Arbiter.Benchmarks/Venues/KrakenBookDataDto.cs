using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>The book element of a Kraken <c>book</c> message.</summary>
public sealed class KrakenBookDataDto
{
    [JsonPropertyName("symbol")]
    public string? Symbol { get; set; }

    [JsonPropertyName("bids")]
    public List<KrakenLevelDto>? Bids { get; set; }

    [JsonPropertyName("asks")]
    public List<KrakenLevelDto>? Asks { get; set; }

    [JsonPropertyName("checksum")]
    public uint Checksum { get; set; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; set; }
}
