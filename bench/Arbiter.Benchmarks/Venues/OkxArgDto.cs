using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>The <c>arg</c> of an OKX push.</summary>
public sealed class OkxArgDto
{
    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("instId")]
    public string? InstId { get; set; }
}
