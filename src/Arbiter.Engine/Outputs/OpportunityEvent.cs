namespace Arbiter.Engine;

/// <summary>An opportunity opened, moved past the update threshold, or closed (with why) at <see cref="Time"/> (unix µs, engine clock).</summary>
public sealed record OpportunityEvent(OpportunityEventKind Kind, long Time, Opportunity Opportunity, string? CloseReason);
