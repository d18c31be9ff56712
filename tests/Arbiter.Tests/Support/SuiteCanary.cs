namespace Arbiter.Tests.Support;

/// <summary>
/// Canary credentials every demo of the suite runs with (<see cref="DemoRun"/>: the simulator's keyed wallet endpoints
/// verify signatures made with them, so they are really used). Every log the suite's demos write is kept under
/// <see cref="LogDirectory"/>, and <c>test.sh</c> fails the run if <see cref="Secret"/>, <see cref="Passphrase"/> or the
/// whole <see cref="Key"/> appears in any of those logs or in the runner's output.
/// </summary>
internal static class SuiteCanary
{
    public const string Key = "CANARYKEY-suite-0123456789-wxyz";

    public const string Secret = "CANARY-SUITE-SECRET-5e4d3c2b1a";

    public const string Passphrase = "CANARY-SUITE-PASS-7q8r9s";

    /// <summary>The key as the product shows it: first four and last four characters.</summary>
    public const string MaskedKey = "CANA…wxyz";

    /// <summary>Where the suite's product logs are kept for the scan (<c>ARBITER_SUITE_LOGS</c>, else artifacts/logs next to the tests).</summary>
    public static string LogDirectory =>
        Environment.GetEnvironmentVariable("ARBITER_SUITE_LOGS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts", "logs");

    /// <summary>Keeps one run's log lines for the end-of-suite scan.</summary>
    public static void Keep(string name, string text)
    {
        Directory.CreateDirectory(LogDirectory);
        File.WriteAllText(Path.Combine(LogDirectory, $"{name}-{Guid.NewGuid():N}.log"), text);
    }

    /// <summary>The canary values no output may contain.</summary>
    public static IReadOnlyList<string> Forbidden { get; } = [Key, Secret, Passphrase];
}
