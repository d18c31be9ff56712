namespace Arbiter.Core;

/// <summary>Side of a book.</summary>
public enum Side : byte
{
    Bid = 0,
    Ask = 1,
}
