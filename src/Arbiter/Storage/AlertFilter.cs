namespace Arbiter.Storage;

/// <summary>An alert-log query: optional asset, sink, target, state and a window [From, To] of queue times (unix µs); newest first.</summary>
public sealed record AlertFilter(string? Asset = null, string? Sink = null, string? Target = null, AlertState? State = null, long? From = null, long? To = null, int Limit = 100);
