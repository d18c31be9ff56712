using System.Globalization;
using System.Text;
using Arbiter.Core;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Writes and sends the subscribe/unsubscribe requests of one Bybit protocol and remembers the open physical connection of
/// each spec, so that a book can be resubscribed on the connection that carries it. Requests hold at most
/// <see cref="BybitOptions.MaxArgsPerRequest"/> topics (Bybit spot: 10); the transport paces them per the spec's SendLimit.
/// </summary>
/// <remarks>
/// Every subscribe carries a numeric <c>req_id</c>, which Bybit echoes in its reply. A refused subscribe
/// (<c>"success":false</c>, e.g. a rate limit) leaves its books without data, so its topics are asked for again after a
/// back-off of <see cref="FirstRetryDelay"/>, doubling with each refusal in a row on that connection spec up to
/// <see cref="MaxRetryDelay"/>: an unsubscribe and a subscribe of those of its books still Syncing on the same connection
/// (the unsubscribe first, in case the topic was in fact subscribed). Retries fall due on the next message received
/// (the pongs of the pings come at least every PingInterval); a closed connection drops them, since its next open
/// subscribes everything. Times are the inputs' receive times, so replay makes the same decisions.
/// </remarks>
internal sealed class BybitSubscriptions
{
    /// <summary>Delay before the first retry of a refused subscribe.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between retries.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private const int MaxAwaiting = 4096;

    private readonly IVenueActions actions;
    private readonly int maxArgsPerRequest;
    private readonly string?[] open;
    private readonly int[] refusalsInARow;
    private readonly Dictionary<long, SentSubscribe> awaiting = [];
    private readonly List<Retry> retries = [];
    private readonly List<BybitBookSync> batch = [];
    private long requestId;

    public BybitSubscriptions(IVenueActions actions, int connectionCount, int maxArgsPerRequest)
    {
        this.actions = actions;
        this.maxArgsPerRequest = maxArgsPerRequest;
        open = new string?[connectionCount];
        refusalsInARow = new int[connectionCount];
    }

    /// <summary>Retries of refused subscribes waiting for their time.</summary>
    public int PendingRetries => retries.Count;

    /// <summary>Subscribe requests sent and not yet answered.</summary>
    public int AwaitingReplies => awaiting.Count;

    /// <summary>The physical connection of spec <paramref name="connection"/> now open, or null.</summary>
    public string? OpenConnectionOf(int connection) => open[connection];

    public void Opened(int connection, string connectionId) => open[connection] = connectionId;

    /// <summary>Forgets the closed connection, its unanswered requests and its retries.</summary>
    public void Closed(int connection)
    {
        open[connection] = null;
        retries.RemoveAll(r => r.Connection == connection);
        if (awaiting.Count > 0)
        {
            foreach (var id in awaiting.Where(p => p.Value.Connection == connection).Select(p => p.Key).ToList())
            {
                awaiting.Remove(id);
            }
        }
    }

    /// <summary>Subscribes every book of spec <paramref name="connection"/> on its new connection, in requests of at most the per-request limit.</summary>
    public void SubscribeAll(int connection, ReadOnlySpan<BybitBookSync> books)
    {
        if (open[connection] is not { } connectionId)
        {
            return;
        }

        batch.Clear();
        foreach (var book in books)
        {
            if (book.Connection != connection)
            {
                continue;
            }

            batch.Add(book);
            if (batch.Count == maxArgsPerRequest)
            {
                Subscribe(connection, connectionId, batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            Subscribe(connection, connectionId, batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Asks Bybit for a fresh snapshot of one book: unsubscribe then subscribe its topic on the open connection of its spec
    /// (nothing while that connection is closed: the next open subscribes everything).
    /// </summary>
    public void Resubscribe(BybitBookSync book)
    {
        if (open[book.Connection] is not { } connectionId)
        {
            return;
        }

        batch.Clear();
        batch.Add(book);
        actions.Send(connectionId, Request("unsubscribe", batch));
        Subscribe(book.Connection, connectionId, batch);
        batch.Clear();
    }

    /// <summary>
    /// A reply to request <paramref name="id"/> (Bybit's echo of our req_id; 0 = none) arrived at <paramref name="at"/>. A
    /// refused subscribe of ours schedules its retry; true when the reply answered a subscribe of ours.
    /// </summary>
    public bool OnReply(long id, bool success, long at)
    {
        if (id == 0 || !awaiting.Remove(id, out var sent))
        {
            return false;
        }

        if (success)
        {
            refusalsInARow[sent.Connection] = 0;
            return true;
        }

        if (open[sent.Connection] != sent.ConnectionId)
        {
            return true; // that connection is gone: its successor subscribes everything
        }

        var refusals = ++refusalsInARow[sent.Connection];
        var delay = Math.Min(FirstRetryDelay.Ticks << Math.Min(refusals - 1, 16), MaxRetryDelay.Ticks) / 10;
        retries.Add(new Retry(at + delay, sent.Connection, sent.ConnectionId, sent.Books));
        return true;
    }

    /// <summary>Sends the retries due at <paramref name="now"/> (see the remarks).</summary>
    public void SendDueRetries(long now)
    {
        for (var i = 0; i < retries.Count; i++)
        {
            var retry = retries[i];
            if (retry.Due > now)
            {
                continue;
            }

            retries.RemoveAt(i--);
            if (open[retry.Connection] != retry.ConnectionId)
            {
                continue;
            }

            batch.Clear();
            foreach (var book in retry.Books)
            {
                if (book.State == BookSyncState.Syncing && book.Connection == retry.Connection)
                {
                    batch.Add(book);
                }
            }

            if (batch.Count > 0)
            {
                actions.Send(retry.ConnectionId, Request("unsubscribe", batch));
                Subscribe(retry.Connection, retry.ConnectionId, batch);
                batch.Clear();
            }
        }
    }

    /// <summary>Sends one subscribe of <paramref name="books"/> (at most the per-request limit) and remembers it until answered.</summary>
    private void Subscribe(int connection, string connectionId, List<BybitBookSync> books)
    {
        var text = Request("subscribe", books);
        if (awaiting.Count >= MaxAwaiting)
        {
            awaiting.Clear(); // replies without our req_id would otherwise pile up; old refusals are then only counted
        }

        awaiting[requestId] = new SentSubscribe(connection, connectionId, [.. books]);
        actions.Send(connectionId, text);
    }

    private string Request(string op, List<BybitBookSync> books)
    {
        requestId++;
        var text = new StringBuilder(48 + (books.Count * 24));
        text.Append("{\"req_id\":\"").Append(requestId.ToString(CultureInfo.InvariantCulture)).Append("\",\"op\":\"").Append(op).Append("\",\"args\":[");
        for (var i = 0; i < books.Count; i++)
        {
            text.Append(i == 0 ? "\"" : ",\"").Append(books[i].Topic).Append('"');
        }

        return text.Append("]}").ToString();
    }

    /// <summary>A subscribe request awaiting its reply.</summary>
    private sealed record SentSubscribe(int Connection, string ConnectionId, BybitBookSync[] Books);

    /// <summary>A refused subscribe to send again at <paramref name="Due"/> (µs).</summary>
    private sealed record Retry(long Due, int Connection, string ConnectionId, BybitBookSync[] Books);
}
