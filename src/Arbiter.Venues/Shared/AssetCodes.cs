namespace Arbiter.Venues;

/// <summary>Checks of asset codes taken from configuration or a venue's market list.</summary>
internal static class AssetCodes
{
    /// <summary>1..32 ASCII letters or digits: what Arbiter interns as an <see cref="Arbiter.Core.Asset"/>.</summary>
    public static bool IsValid(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 32)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static void Validate(List<string> errors, string key, IReadOnlyList<string>? codes)
    {
        if (codes is null || codes.Count == 0)
        {
            errors.Add($"{key} must list at least one asset code.");
            return;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (!IsValid(codes[i]))
            {
                errors.Add($"{key}[{i}] must be 1-32 ASCII letters or digits (was '{codes[i]}').");
            }
        }
    }
}
