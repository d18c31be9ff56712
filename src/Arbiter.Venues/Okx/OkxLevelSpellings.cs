namespace Arbiter.Venues.Okx;

/// <summary>The spellings of the bid and ask levels of one parsed push or snapshot (see <see cref="OkxSpelling"/>).</summary>
public sealed class OkxLevelSpellings
{
    public OkxSpellingList Bids { get; } = new();

    public OkxSpellingList Asks { get; } = new();

    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
    }
}
