using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>One event of an <c>l2_data</c> message as a typical bot models it.</summary>
public sealed class CoinbaseL2EventDto
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("product_id")]
    public string? ProductId { get; set; }

    [JsonPropertyName("updates")]
    public List<CoinbaseL2UpdateDto>? Updates { get; set; }
}
