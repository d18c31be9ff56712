namespace Arbiter.Engine.Tests;

/// <summary>The fixed rates most engine tests price with (USD/KRW 1380, stablecoins at 1), set only where a test left them unset.</summary>
internal static class FixedFx
{
    public static EngineOptions WithFixedFx(this EngineOptions options)
    {
        options.Fx.UsdKrw ??= 1380m;
        options.Fx.UsdtUsd ??= 1.0m;
        options.Fx.UsdcUsd ??= 1.0m;
        return options;
    }
}
