namespace Arbiter.Storage;

/// <summary>
/// One opportunity's whole lifecycle within one run: first and last event, close, peak, last state and transfer route.
/// Times are unix microseconds (engine clock); money is exact.
/// </summary>
public sealed record OpportunityHistoryRow(
    long RunId,
    long OpportunityId,
    string Asset,
    string BuyVenue,
    string BuySymbol,
    string SellVenue,
    string SellSymbol,
    long FirstSeen,
    long LastUpdated,
    long? ClosedAt,
    string? CloseReason,
    decimal PeakNetProfitUsd,
    decimal PeakNetPremiumBps,
    long DurationMicros,
    decimal Size,
    decimal NetProfitUsd,
    decimal NetPremiumBps,
    bool TransferAvailable,
    string? TransferNetwork,
    decimal? TransferFee,
    decimal? TransferFeeUsd,
    decimal? TransferNetProfitUsd,
    string? TransferUnavailable,
    int Events);
