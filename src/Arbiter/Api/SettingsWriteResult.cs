namespace Arbiter.Api;

/// <summary>The outcome of a settings write: applied (<see cref="Errors"/> empty), or refused with every reason and an HTTP status.</summary>
/// <param name="Status">200 when applied; 400 invalid; 503 when the engine's input queue refused the change; 500 when applied but not saved.</param>
/// <param name="Errors">Each problem, naming its configuration key.</param>
public sealed record SettingsWriteResult(int Status, IReadOnlyList<string> Errors)
{
    public static SettingsWriteResult Applied { get; } = new(200, []);

    public bool IsApplied => Status == 200;
}
