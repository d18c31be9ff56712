using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>A Coinbase Advanced Trade <c>l2_data</c> message as a typical bot models it.</summary>
public sealed class CoinbaseL2MessageDto
{
    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; set; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; set; }

    [JsonPropertyName("sequence_num")]
    public long SequenceNum { get; set; }

    [JsonPropertyName("events")]
    public List<CoinbaseL2EventDto>? Events { get; set; }
}
