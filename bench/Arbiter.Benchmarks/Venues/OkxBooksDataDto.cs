using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>The data object of an OKX <c>books</c> push.</summary>
public sealed class OkxBooksDataDto
{
    [JsonPropertyName("asks")]
    public List<List<string>>? Asks { get; set; }

    [JsonPropertyName("bids")]
    public List<List<string>>? Bids { get; set; }

    [JsonPropertyName("ts")]
    public string? Ts { get; set; }

    [JsonPropertyName("checksum")]
    public int Checksum { get; set; }

    [JsonPropertyName("prevSeqId")]
    public long PrevSeqId { get; set; }

    [JsonPropertyName("seqId")]
    public long SeqId { get; set; }
}
