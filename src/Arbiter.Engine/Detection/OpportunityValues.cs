namespace Arbiter.Engine;

/// <summary>The exact, rounded money values of a depth walk, as published in an <see cref="Opportunity"/>; see <see cref="DepthWalker.Price"/>.</summary>
internal readonly record struct OpportunityValues(
    decimal Size,
    int BuyLevels,
    int SellLevels,
    decimal AverageBuyPrice,
    decimal AverageSellPrice,
    decimal GrossProfitUsd,
    decimal NetProfitUsd,
    decimal NetPremiumBps,
    decimal UnroundedNetUsd,
    decimal BuyWithFeeUsd,
    LevelFills BuyFills,
    LevelFills SellFills);
