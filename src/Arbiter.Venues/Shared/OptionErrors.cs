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
            if (!allowInsecure && IsLocalOrPrivate(uri))
            {
                errors.Add($"{key} must not point at a loopback or private address outside demo/simulator (AllowInsecureUrls) (was '{value}').");
            }

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

    /// <summary>
    /// "localhost", or an IP literal that is loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
    /// (169.254/16, fe80::/10) or unspecified: where a real venue never is (RELIABILITY row 25).
    /// </summary>
    private static bool IsLocalOrPrivate(Uri uri)
    {
        if (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC || address.Equals(System.Net.IPAddress.IPv6Any);
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || b[0] == 0
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254);
    }

    public static void ThrowIfAny(List<string> errors, string section)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {section} options: " + string.Join(" ", errors), section);
        }
    }
}
