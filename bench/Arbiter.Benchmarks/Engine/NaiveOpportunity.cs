using Arbiter.Core;

namespace Arbiter.Benchmarks.Engine;

/// <summary>The result of the naive detector: buy on one venue, sell on another, the walked size and the net after fees in USD.</summary>
public sealed record NaiveOpportunity(VenueId Buy, VenueId Sell, decimal Size, int BuyLevels, int SellLevels, decimal NetUsd, decimal NetPremiumBps);
