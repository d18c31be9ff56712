namespace Arbiter.Capture;

/// <summary>Field names of a capture line.</summary>
internal static class CaptureFields
{
    public const string Ts = "ts";
    public const string Venue = "venue";
    public const string Kind = "kind";
    public const string Conn = "conn";
    public const string Url = "url";
    public const string Data = "data";
    public const string Data64 = "data64";
    public const string Error = "error";
}
