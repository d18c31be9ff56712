namespace Arbiter.Venues;

/// <summary>One WebSocket connection a venue adapter wants: a stable name (e.g. "binance-0") and the URL to open.</summary>
public sealed record ConnectionSpec(string Name, Uri Url);
