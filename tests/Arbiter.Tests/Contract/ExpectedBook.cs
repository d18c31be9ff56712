namespace Arbiter.Tests.Contract;

/// <summary>
/// The book a fixture script must leave, written by hand from the fixture text: every level, best first, as decimal
/// strings exactly as the venue spelled them (trailing zeros do not matter: values are compared as decimals).
/// </summary>
public sealed record ExpectedBook(string Symbol, (string Price, string Quantity)[] Bids, (string Price, string Quantity)[] Asks);
