using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>A Kraken WS v2 <c>book</c> message as a typical bot models it.</summary>
public sealed class KrakenBookDto
{
    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("data")]
    public List<KrakenBookDataDto>? Data { get; set; }
}
