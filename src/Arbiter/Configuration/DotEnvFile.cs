namespace Arbiter.Configuration;

/// <summary>
/// Reads a <c>.env</c> file of <c>KEY=VALUE</c> lines (blank lines and <c>#</c> comments skipped, optional quotes).
/// Only <c>ARBITER__Section__Key</c> entries are configuration; they become <c>Section:Key</c>.
/// </summary>
public static class DotEnvFile
{
    public const string Prefix = "ARBITER__";

    public static Dictionary<string, string?> Read(string path)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigurationException($"{path}:{number}: expected KEY=VALUE.");
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                result[key[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }

        return result;
    }
}
