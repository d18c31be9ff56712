using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The diff events of one book buffered until a snapshot bridges them: a queue of headers over one reused level array,
/// so buffering allocates nothing once the arrays have grown to the book's usual burst.
/// </summary>
internal sealed class BookUpdateBuffer
{
    private BufferedBookUpdate[] updates = new BufferedBookUpdate[16];
    private Level[] levels = new Level[256];
    private int head;
    private int tail;
    private int levelCount;

    public int Count => tail - head;

    public ref readonly BufferedBookUpdate First => ref updates[head];

    public ref readonly BufferedBookUpdate Last => ref updates[tail - 1];

    public void Clear()
    {
        head = 0;
        tail = 0;
        levelCount = 0;
    }

    public void Add(MarketEvent update, long firstUpdateId, long receiveTime)
    {
        if (tail == updates.Length)
        {
            Compact();
            if (tail == updates.Length)
            {
                Array.Resize(ref updates, updates.Length * 2);
            }
        }

        var bids = update.Bids.Span;
        var asks = update.Asks.Span;
        if (levelCount + bids.Length + asks.Length > levels.Length)
        {
            Compact();
            var needed = levelCount + bids.Length + asks.Length;
            if (needed > levels.Length)
            {
                Array.Resize(ref levels, Math.Max(levels.Length * 2, needed));
            }
        }

        ref var entry = ref updates[tail++];
        entry.First = firstUpdateId;
        entry.Last = update.Sequence;
        entry.ExchangeTime = update.ExchangeTime;
        entry.ReceiveTime = receiveTime;
        entry.BidStart = levelCount;
        entry.BidCount = bids.Length;
        bids.CopyTo(levels.AsSpan(levelCount));
        levelCount += bids.Length;
        entry.AskStart = levelCount;
        entry.AskCount = asks.Length;
        asks.CopyTo(levels.AsSpan(levelCount));
        levelCount += asks.Length;
    }

    public void DropFirst()
    {
        head++;
        if (head == tail)
        {
            Clear();
        }
    }

    /// <summary>Appends the levels of <paramref name="update"/> to <paramref name="target"/>.</summary>
    public void CopyLevels(in BufferedBookUpdate update, MarketEvent target)
    {
        foreach (var level in levels.AsSpan(update.BidStart, update.BidCount))
        {
            target.Bids.Add(level.Price, level.Quantity);
        }

        foreach (var level in levels.AsSpan(update.AskStart, update.AskCount))
        {
            target.Asks.Add(level.Price, level.Quantity);
        }
    }

    /// <summary>Moves the live entries and their levels to the start of the arrays.</summary>
    private void Compact()
    {
        if (head == 0)
        {
            return;
        }

        var count = tail - head;
        var levelStart = updates[head].BidStart;
        Array.Copy(updates, head, updates, 0, count);
        for (var i = 0; i < count; i++)
        {
            updates[i].BidStart -= levelStart;
            updates[i].AskStart -= levelStart;
        }

        Array.Copy(levels, levelStart, levels, 0, levelCount - levelStart);
        levelCount -= levelStart;
        head = 0;
        tail = count;
    }
}
