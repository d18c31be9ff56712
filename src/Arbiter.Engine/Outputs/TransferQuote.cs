namespace Arbiter.Engine;

/// <summary>
/// The transfer-mode result of an opportunity: buy, withdraw on the cheapest network open for withdrawal at the buy venue
/// and for deposit at the sell venue, deposit, sell. The withdrawal fee is a fixed cost, so small sizes lose money.
/// </summary>
/// <remarks>
/// With W the fee in units of the asset and the sell leg's first level after its taker fee as the value of a coin:
/// <code>
/// FeeUsd            = round(W × usd(best bid of Sell) × (1 − SellFeeRate), 8)
/// NetProfitUsd      = round(inventory net − W × usd(best bid) × (1 − SellFeeRate), 8)
/// NetPremiumBps     = round(that net ÷ fee-inclusive buy cost × 10000, 4)
/// MinProfitableSize = the smallest size s whose inventory net over the walked levels reaches the fee cost (exact, the
///                     inventory net being linear within each level pair), rounded up to the common quantity scale
/// </code>
/// </remarks>
/// <param name="Available">True when a route is open and its fee is known.</param>
/// <param name="Unavailable">Why not, when not: "no-route" (no network open for withdrawal there and deposit here), "fee-unknown", "no-wallet-status", "asset-level-only".</param>
/// <param name="Network">The chosen unified network.</param>
/// <param name="WithdrawFee">Fee in units of the asset.</param>
/// <param name="FeeUsd">Its value in USD.</param>
/// <param name="NetProfitUsd">Inventory net minus the fee cost; may be negative.</param>
/// <param name="NetPremiumBps">Over the fee-inclusive buy cost.</param>
/// <param name="MinProfitableSize">Smallest size with a positive transfer net, or null when even the whole walked size does not cover the fee.</param>
public sealed record TransferQuote(
    bool Available,
    string? Unavailable,
    string? Network,
    decimal? WithdrawFee,
    decimal? FeeUsd,
    decimal? NetProfitUsd,
    decimal? NetPremiumBps,
    decimal? MinProfitableSize)
{
    private static readonly TransferQuote NoWalletStatusQuote = Create("no-wallet-status");
    private static readonly TransferQuote AssetLevelOnlyQuote = Create("asset-level-only");
    private static readonly TransferQuote NoRouteQuote = Create("no-route");
    private static readonly TransferQuote FeeUnknownQuote = Create("fee-unknown");

    /// <summary>Transfer mode unavailable for <paramref name="reason"/> (the usual reasons are shared instances: nothing allocated per publish).</summary>
    public static TransferQuote None(string reason) => reason switch
    {
        "no-wallet-status" => NoWalletStatusQuote,
        "asset-level-only" => AssetLevelOnlyQuote,
        "no-route" => NoRouteQuote,
        "fee-unknown" => FeeUnknownQuote,
        _ => Create(reason),
    };

    private static TransferQuote Create(string reason) => new(false, reason, null, null, null, null, null, null);
}
