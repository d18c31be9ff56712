using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>The <c>result</c> of a <c>spot.order_book_update</c> notification: prices and amounts kept as strings.</summary>
public sealed class GateIoOrderBookResultDto
{
    [JsonPropertyName("t")]
    public long Time { get; set; }

    [JsonPropertyName("full")]
    public bool Full { get; set; }

    [JsonPropertyName("s")]
    public string? Symbol { get; set; }

    [JsonPropertyName("U")]
    public long FirstUpdateId { get; set; }

    [JsonPropertyName("u")]
    public long LastUpdateId { get; set; }

    [JsonPropertyName("b")]
    public List<string[]>? Bids { get; set; }

    [JsonPropertyName("a")]
    public List<string[]>? Asks { get; set; }
}
