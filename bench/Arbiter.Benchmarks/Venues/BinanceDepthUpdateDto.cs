using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>A Binance <c>depthUpdate</c> as a typical bot models it: prices and quantities kept as strings.</summary>
public sealed class BinanceDepthUpdateDto
{
    [JsonPropertyName("e")]
    public string? EventType { get; set; }

    [JsonPropertyName("E")]
    public long EventTime { get; set; }

    [JsonPropertyName("s")]
    public string? Symbol { get; set; }

    [JsonPropertyName("U")]
    public long FirstUpdateId { get; set; }

    [JsonPropertyName("u")]
    public long FinalUpdateId { get; set; }

    [JsonPropertyName("b")]
    public List<string[]>? Bids { get; set; }

    [JsonPropertyName("a")]
    public List<string[]>? Asks { get; set; }
}
