using Arbiter.Core;

namespace Arbiter.Venues.Okx;

/// <summary>
/// The adapter's own copy of one OKX book (both sides, with spellings), updated exactly as the engine's copy is, so that
/// the checksum OKX sends can be verified on the message that carries it, before the message is published.
/// </summary>
internal sealed class OkxLocalBook
{
    public OkxLocalSide Bids { get; } = new(bids: true);

    public OkxLocalSide Asks { get; } = new(bids: false);

    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
    }

    /// <summary>Replaces the book with <paramref name="bids"/>/<paramref name="asks"/> (any order; zero sizes skipped) and keeps the best <paramref name="depth"/>.</summary>
    public void Load(LevelList bids, LevelList asks, OkxLevelSpellings spellings, int depth)
    {
        Clear();
        Apply(bids, asks, spellings, depth);
    }

    /// <summary>Applies changed levels (size 0 deletes) and keeps the best <paramref name="depth"/>.</summary>
    public void Apply(LevelList bids, LevelList asks, OkxLevelSpellings spellings, int depth)
    {
        ApplySide(Bids, bids, spellings.Bids);
        ApplySide(Asks, asks, spellings.Asks);
        Bids.TruncateTo(depth);
        Asks.TruncateTo(depth);
    }

    private static void ApplySide(OkxLocalSide side, LevelList levels, OkxSpellingList spellings)
    {
        // Venues send best-first; walking backwards inserts each level at the best end, which moves nothing.
        var span = levels.Span;
        for (var i = span.Length - 1; i >= 0; i--)
        {
            side.Set(span[i].Price, span[i].Quantity, spellings.PriceDecimals(i), spellings.SizeDecimals(i));
        }
    }
}
