namespace Arbiter.Core;

/// <summary>One observed exchange rate: <see cref="Rate"/> units of <see cref="Quote"/> per one <see cref="Base"/> (USD/KRW 1400 = 1400 KRW per USD).</summary>
/// <param name="Base">The base currency, e.g. USD.</param>
/// <param name="Quote">The quote currency, e.g. KRW.</param>
/// <param name="Rate">Quote per base; positive.</param>
/// <param name="Time">When the rate was observed (fetched), unix microseconds on the host clock.</param>
/// <param name="Source">Where it came from, shown to users: e.g. "http: https://…".</param>
public sealed record FxQuote(Asset Base, Asset Quote, decimal Rate, long Time, string Source);
