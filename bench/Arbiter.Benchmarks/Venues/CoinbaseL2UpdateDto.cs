using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>One level update of an <c>l2_data</c> event as a typical bot models it: price and size kept as strings.</summary>
public sealed class CoinbaseL2UpdateDto
{
    [JsonPropertyName("side")]
    public string? Side { get; set; }

    [JsonPropertyName("event_time")]
    public string? EventTime { get; set; }

    [JsonPropertyName("price_level")]
    public string? PriceLevel { get; set; }

    [JsonPropertyName("new_quantity")]
    public string? NewQuantity { get; set; }
}
