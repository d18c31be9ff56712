using System.Globalization;
using System.Text.Json;

namespace Arbiter.Intelligence;

/// <summary>
/// A path to one number in a JSON document: dot-separated segments, each a property name or, on an array, an index
/// (<c>0.basePrice</c> = the first element's <c>basePrice</c>; <c>rates.KRW</c>).
/// </summary>
public sealed class FxJsonPath
{
    private readonly string[] segments;

    private FxJsonPath(string text, string[] segments)
    {
        Text = text;
        this.segments = segments;
    }

    public string Text { get; }

    public static FxJsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new ArgumentException($"JsonPath {error}", nameof(text));

    public static bool TryParse(string? text, out FxJsonPath path, out string error)
    {
        path = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must name the number, like 0.basePrice or rates.KRW (got nothing).";
            return false;
        }

        var segments = text.Split('.');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment.Trim().Length != segment.Length)
            {
                error = $"must be dot-separated names or indexes without empty parts or spaces, like 0.basePrice (got '{text}').";
                return false;
            }
        }

        path = new FxJsonPath(text, segments);
        error = "";
        return true;
    }

    /// <summary>The element at this path, or a description of where the path stopped matching.</summary>
    public bool TryFind(JsonElement root, out JsonElement found, out string error)
    {
        var current = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var at = string.Join('.', segments, 0, i + 1);
            switch (current.ValueKind)
            {
                case JsonValueKind.Object when current.TryGetProperty(segment, out var child):
                    current = child;
                    break;
                case JsonValueKind.Array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    if (index >= current.GetArrayLength())
                    {
                        found = default;
                        error = $"'{at}' is past the end of an array of {current.GetArrayLength()}";
                        return false;
                    }

                    current = current[index];
                    break;
                default:
                    found = default;
                    error = current.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                        ? $"'{at}' is missing"
                        : $"'{string.Join('.', segments, 0, i)}' is a {current.ValueKind.ToString().ToLowerInvariant()}, not an object or array";
                    return false;
            }
        }

        found = current;
        error = "";
        return true;
    }

    public override string ToString() => Text;
}
