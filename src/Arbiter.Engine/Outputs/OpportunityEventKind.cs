namespace Arbiter.Engine;

/// <summary>Lifecycle step of an opportunity.</summary>
public enum OpportunityEventKind : byte
{
    Opened = 0,
    Updated = 1,
    Closed = 2,
}
