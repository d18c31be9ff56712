using System.Globalization;

namespace Arbiter.Venues;

/// <summary>Collects option validation errors, each naming its configuration key, and throws them together.</summary>
internal static class OptionErrors
{
    public static void Range(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (was {value})."));
        }
    }

    public static void Range(List<string> errors, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (was {value})."));
        }
    }

    public static void Range(List<string> errors, string key, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (was {value})."));
        }
    }

    /// <summary>An absolute URL with one of the allowed schemes; plain ws/http only when <paramref name="allowInsecure"/>.</summary>
    public static void Url(List<string> errors, string key, string? value, bool secure, bool allowInsecure)
    {
        var expected = secure ? "wss" : "https";
        var plain = secure ? "ws" : "http";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            errors.Add($"{key} must be an absolute {expected}:// URL (was '{value}').");
            return;
        }

        if (uri.Scheme == expected)
        {
            return;
        }

        if (uri.Scheme == plain && allowInsecure)
        {
            return;
        }

        errors.Add(allowInsecure
            ? $"{key} must be a {expected}:// or {plain}:// URL (was '{value}')."
            : $"{key} must be a {expected}:// URL; {plain}:// is only allowed with AllowInsecureUrls (demo/simulator) (was '{value}').");
    }

    public static void ThrowIfAny(List<string> errors, string section)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {section} options: " + string.Join(" ", errors), section);
        }
    }
}
