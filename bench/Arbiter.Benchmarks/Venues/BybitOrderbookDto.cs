using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>A Bybit <c>orderbook.{depth}.{symbol}</c> message as a typical bot models it.</summary>
public sealed class BybitOrderbookDto
{
    [JsonPropertyName("topic")]
    public string? Topic { get; set; }

    [JsonPropertyName("ts")]
    public long Timestamp { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("data")]
    public BybitOrderbookDataDto? Data { get; set; }

    [JsonPropertyName("cts")]
    public long MatchTime { get; set; }
}
