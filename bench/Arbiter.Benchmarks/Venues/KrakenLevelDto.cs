using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>One Kraken level; Kraken sends JSON numbers and decimal keeps them exact.</summary>
public sealed class KrakenLevelDto
{
    [JsonPropertyName("price")]
    public decimal Price { get; set; }

    [JsonPropertyName("qty")]
    public decimal Qty { get; set; }
}
