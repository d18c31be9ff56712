namespace Arbiter.Engine;

/// <summary>Lifecycle step of an opportunity.</summary>
public enum OpportunityEventKind : byte
{
    Opened = 0,
    Updated = 1,
    Closed = 2,

    /// <summary>Only the transfer mode changed (a route opened or closed after a wallet-status change); the inventory values are as before.</summary>
    TransferChanged = 3,
}
