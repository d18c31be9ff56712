namespace Arbiter.Capture;

/// <summary>Values of the <c>kind</c> field of a capture line.</summary>
public static class CaptureKinds
{
    public const string Ws = "ws";
    public const string Rest = "rest";
    public const string RestError = "rest-error";
    public const string Open = "open";
    public const string Close = "close";
    public const string Tick = "tick";
    public const string Config = "config";

    /// <summary>An FX quote published to the engine (no venue; <c>data</c> = <see cref="CapturePayloads.Fx"/>).</summary>
    public const string Fx = "fx";

    /// <summary>A wallet-status snapshot published to the engine (<c>data</c> = <see cref="CapturePayloads.Wallets"/>).</summary>
    public const string Wallets = "wallets";

    /// <summary>Engine settings changed at runtime and sent to the engine (no venue; <c>data</c> = <see cref="CapturePayloads.Settings"/>).</summary>
    public const string Settings = "settings";
}
