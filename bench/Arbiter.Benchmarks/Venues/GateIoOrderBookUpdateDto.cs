using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>A Gate.io WebSocket v4 envelope around a <see cref="GateIoOrderBookResultDto"/>, as a typical bot models it.</summary>
public sealed class GateIoOrderBookUpdateDto
{
    [JsonPropertyName("time")]
    public long Time { get; set; }

    [JsonPropertyName("time_ms")]
    public long TimeMs { get; set; }

    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("event")]
    public string? Event { get; set; }

    [JsonPropertyName("result")]
    public GateIoOrderBookResultDto? Result { get; set; }
}
