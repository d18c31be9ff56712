using System.Text.Json.Serialization;

namespace Arbiter.Benchmarks.Venues;

/// <summary>An OKX <c>books</c> push as a typical bot models it (levels as arrays of strings).</summary>
public sealed class OkxBooksDto
{
    [JsonPropertyName("arg")]
    public OkxArgDto? Arg { get; set; }

    [JsonPropertyName("action")]
    public string? Action { get; set; }

    [JsonPropertyName("data")]
    public List<OkxBooksDataDto>? Data { get; set; }
}
