namespace Arbiter.Engine;

/// <summary>The comparable books (known USD conversion) of one base asset, in instrument id order: the candidates for cross-venue pairs.</summary>
internal sealed class AssetBooks
{
    private BookEntry[] members = new BookEntry[8];

    public int Count { get; private set; }

    public BookEntry this[int index] => members[index];

    public void Add(BookEntry entry)
    {
        if (Count == members.Length)
        {
            Array.Resize(ref members, members.Length * 2);
        }

        // Keep id order so that pair evaluation order depends only on the instruments, not on arrival order.
        var at = Count;
        while (at > 0 && members[at - 1].Id > entry.Id)
        {
            members[at] = members[at - 1];
            at--;
        }

        members[at] = entry;
        Count++;
    }
}
