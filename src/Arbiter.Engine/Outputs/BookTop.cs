using Arbiter.Core;

namespace Arbiter.Engine;

/// <summary>Health and best levels of one book as the engine sees it. Prices and quantities in the instrument's units; 0 when a side is empty.</summary>
public sealed record BookTop(
    Instrument Instrument,
    BookSyncState State,
    BookInvalidReason Reason,
    long BidPrice,
    long BidQuantity,
    long AskPrice,
    long AskQuantity,
    long Sequence,
    long ReceiveTime);
