using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>The combined-stream wrapper <c>{"stream":..,"data":{..}}</c> around a <see cref="BinanceDepthUpdateDto"/>.</summary>
public sealed class BinanceCombinedDto
{
    [JsonPropertyName("stream")]
    public string? Stream { get; set; }

    [JsonPropertyName("data")]
    public BinanceDepthUpdateDto? Data { get; set; }
}
