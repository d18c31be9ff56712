using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>An Upbit <c>orderbook</c> message as a typical bot models it.</summary>
public sealed class UpbitOrderbookDto
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    [JsonPropertyName("total_ask_size")]
    public decimal TotalAskSize { get; set; }

    [JsonPropertyName("total_bid_size")]
    public decimal TotalBidSize { get; set; }

    [JsonPropertyName("orderbook_units")]
    public List<UpbitUnitDto>? Units { get; set; }

    [JsonPropertyName("level")]
    public decimal Level { get; set; }

    [JsonPropertyName("stream_type")]
    public string? StreamType { get; set; }
}
