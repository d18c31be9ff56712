using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>The <c>data</c> of a Bybit orderbook message: prices and sizes kept as strings.</summary>
public sealed class BybitOrderbookDataDto
{
    [JsonPropertyName("s")]
    public string? Symbol { get; set; }

    [JsonPropertyName("b")]
    public List<string[]>? Bids { get; set; }

    [JsonPropertyName("a")]
    public List<string[]>? Asks { get; set; }

    [JsonPropertyName("u")]
    public long UpdateId { get; set; }

    [JsonPropertyName("seq")]
    public long CrossSequence { get; set; }
}
