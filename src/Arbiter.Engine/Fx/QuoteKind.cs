using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>The quote currencies the engine can convert to USD; anything else is never compared across venues.</summary>
internal enum QuoteKind : byte
{
    Other = 0,
    Usd = 1,
    Usdt = 2,
    Usdc = 3,
    Krw = 4,
}

/// <summary>Maps quote assets to <see cref="QuoteKind"/>.</summary>
internal static class QuoteKinds
{
    public static QuoteKind Of(Asset quote) =>
        quote == Asset.Usd ? QuoteKind.Usd
        : quote == Asset.Usdt ? QuoteKind.Usdt
        : quote == Asset.Usdc ? QuoteKind.Usdc
        : quote == Asset.Krw ? QuoteKind.Krw
        : QuoteKind.Other;

    /// <summary>USD, USDT or USDC.</summary>
    public static bool IsUsdLike(QuoteKind kind) => kind is QuoteKind.Usd or QuoteKind.Usdt or QuoteKind.Usdc;
}
