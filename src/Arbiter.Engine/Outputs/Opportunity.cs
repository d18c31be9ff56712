using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>
/// A depth-sized, fee-aware price gap: buy <see cref="Size"/> of <see cref="Asset"/> on <see cref="Buy"/> and sell it on
/// <see cref="Sell"/>. Money values are exact decimals computed from the consumed book levels, USD values rounded to
/// 8 decimal places and basis points to 4.
/// </summary>
/// <remarks>
/// Computed by <c>DepthWalker</c> over the consumed levels, q_i being the base quantity taken from level i
/// (asks of <see cref="Buy"/> ascending, bids of <see cref="Sell"/> descending), all in C# <see cref="decimal"/>,
/// evaluated left to right as written; round(x, n) = <c>Math.Round(x, n, MidpointRounding.ToEven)</c>:
/// <code>
/// Size              = Σ q_i                                  (exact; scale = the larger quantity scale of the two instruments)
/// buyCostQuote      = Σ askPrice_i × q_i                     sellProceedsQuote = Σ bidPrice_i × q_i
/// toUsd(x)          = x for USD, x × Fx:UsdtUsd for USDT, x × Fx:UsdcUsd for USDC, x ÷ Fx:UsdKrw for KRW
/// buyUsd            = toUsd(buyCostQuote)                    sellUsd = toUsd(sellProceedsQuote)
/// buyWithFeeUsd     = buyUsd × (1 + BuyFeeRate)              net = sellUsd × (1 − SellFeeRate) − buyWithFeeUsd
/// GrossProfitUsd    = round(sellUsd − buyUsd, 8)             NetProfitUsd = round(net, 8)
/// NetPremiumBps     = round(net ÷ buyWithFeeUsd × 10000, 4)  (from the unrounded net)
/// AverageBuyPrice   = round(buyCostQuote ÷ Size, 12)         AverageSellPrice = round(sellProceedsQuote ÷ Size, 12)
/// </code>
/// The walk consumes level pairs while bid × usd(Sell) × (1 − SellFeeRate) &gt; ask × usd(Buy) × (1 + BuyFeeRate),
/// compared in <see cref="double"/>; an opportunity is open while that walk's net is at least <c>Engine:MinNetProfitUsd</c>
/// and its premium at least <c>Engine:MinNetPremiumBps</c>.
/// </remarks>
public sealed record Opportunity
{
    /// <summary>Run-unique id, increasing from 1 in the order opportunities open.</summary>
    public required long Id { get; init; }

    public required Asset Asset { get; init; }

    /// <summary>Where to buy (its asks are walked).</summary>
    public required Instrument Buy { get; init; }

    /// <summary>Where to sell (its bids are walked).</summary>
    public required Instrument Sell { get; init; }

    /// <summary>Base quantity both legs trade.</summary>
    public required decimal Size { get; init; }

    /// <summary>Volume-weighted buy price, in the buy instrument's quote currency.</summary>
    public required decimal AverageBuyPrice { get; init; }

    /// <summary>Volume-weighted sell price, in the sell instrument's quote currency.</summary>
    public required decimal AverageSellPrice { get; init; }

    /// <summary>Ask levels consumed, the last one possibly partly.</summary>
    public required int BuyLevels { get; init; }

    /// <summary>Bid levels consumed, the last one possibly partly.</summary>
    public required int SellLevels { get; init; }

    /// <summary>Sell proceeds minus buy cost in USD, before fees.</summary>
    public required decimal GrossProfitUsd { get; init; }

    /// <summary>After taker fees on both legs.</summary>
    public required decimal NetProfitUsd { get; init; }

    /// <summary>Net profit over the fee-inclusive buy cost, in basis points.</summary>
    public required decimal NetPremiumBps { get; init; }

    /// <summary>Taker fee rates used (fractions, 0.001 = 0.10 %).</summary>
    public required decimal BuyFeeRate { get; init; }

    public required decimal SellFeeRate { get; init; }

    /// <summary>The conversion rate the buy leg was priced at: USD per unit of its quote (USD 1, USDT, USDC) or, for KRW, KRW per USD.</summary>
    public decimal BuyFxRate { get; init; } = 1m;

    /// <summary>The conversion rate the sell leg was priced at, as <see cref="BuyFxRate"/>.</summary>
    public decimal SellFxRate { get; init; } = 1m;

    /// <summary>Venue sequences of the two books this was computed from, so it can be checked against the venue's truth.</summary>
    public required long BuySequence { get; init; }

    public required long SellSequence { get; init; }

    /// <summary>Unix microseconds (engine clock) when first seen and last published (for a Closed event: when closed).</summary>
    public required long FirstSeen { get; init; }

    public required long LastUpdated { get; init; }

    /// <summary>Highest <see cref="NetProfitUsd"/> among this opportunity's published states.</summary>
    public required decimal PeakNetProfitUsd { get; init; }

    /// <summary>Highest <see cref="NetPremiumBps"/> among this opportunity's published states.</summary>
    public required decimal PeakNetPremiumBps { get; init; }

    /// <summary>
    /// The transfer-mode result (buy, withdraw, deposit, sell) on the cheapest open route; the values above are the
    /// inventory mode (both legs at once from balances already on each venue).
    /// </summary>
    public TransferQuote Transfer { get; init; } = TransferQuote.None("no-wallet-status");

    /// <summary>The buy leg's consumed ask levels in walk order, with the quantity taken from each (Σ quantity = <see cref="Size"/>).</summary>
    public LevelFills BuyFills { get; init; } = LevelFills.Empty;

    /// <summary>The sell leg's consumed bid levels in walk order, with the quantity taken from each (Σ quantity = <see cref="Size"/>).</summary>
    public LevelFills SellFills { get; init; } = LevelFills.Empty;

    public long DurationMicros => LastUpdated - FirstSeen;
}
