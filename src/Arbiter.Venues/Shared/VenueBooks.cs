using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The watched books of one venue protocol, found by instrument id in O(1), plus the overflow flush every protocol runs
/// before handling an input. Not thread-safe: used under the ingest gate.
/// </summary>
internal sealed class VenueBooks<TBook>
    where TBook : class, IVenueBook
{
    private readonly TBook?[] byInstrumentId;
    private readonly TBook[] all;

    public VenueBooks()
    {
        byInstrumentId = [];
        all = [];
    }

    /// <param name="instruments">The watched instruments (registered in the catalog, so their ids are dense).</param>
    /// <param name="create">Builds the book of the i-th instrument.</param>
    public VenueBooks(IReadOnlyList<Instrument> instruments, Func<Instrument, int, TBook> create)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(create);
        var maxId = -1;
        foreach (var instrument in instruments)
        {
            maxId = Math.Max(maxId, instrument.Id);
        }

        byInstrumentId = new TBook?[maxId + 1];
        all = new TBook[instruments.Count];
        for (var i = 0; i < all.Length; i++)
        {
            var book = create(instruments[i], i);
            all[i] = book;
            byInstrumentId[instruments[i].Id] = book;
        }
    }

    public int Count => all.Length;

    public TBook this[int index] => all[index];

    public ReadOnlySpan<TBook> All => all;

    /// <summary>The book of <paramref name="instrument"/>, or null when this venue does not watch it.</summary>
    public TBook? Of(Instrument instrument)
    {
        var id = instrument.Id;
        var map = byInstrumentId;
        return (uint)id < (uint)map.Length ? map[id] : null;
    }

    /// <summary>Gives every book that owes an overflow invalidation a chance to publish it (cheap when none does).</summary>
    public void FlushOverflow(OverflowTracker tracker, long at)
    {
        if (tracker.Pending == 0)
        {
            return;
        }

        foreach (var book in all)
        {
            if (book.Publisher.OverflowPending)
            {
                book.FlushOverflow(at);
            }
        }
    }
}
