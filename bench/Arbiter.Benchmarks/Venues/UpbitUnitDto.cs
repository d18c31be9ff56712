using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>One Upbit orderbook unit as a typical bot models it (Upbit sends JSON numbers; decimal keeps them exact).</summary>
public sealed class UpbitUnitDto
{
    [JsonPropertyName("ask_price")]
    public decimal AskPrice { get; set; }

    [JsonPropertyName("bid_price")]
    public decimal BidPrice { get; set; }

    [JsonPropertyName("ask_size")]
    public decimal AskSize { get; set; }

    [JsonPropertyName("bid_size")]
    public decimal BidSize { get; set; }
}
