using System.Globalization;
using System.Text;

namespace Arbiter.Venues.Bybit;

/// <summary>
/// Writes and sends the subscribe/unsubscribe requests of one Bybit protocol and remembers the open physical connection of
/// each spec, so that a book can be resubscribed on the connection that carries it. Requests hold at most
/// <see cref="BybitOptions.MaxArgsPerRequest"/> topics (Bybit spot: 10); the transport paces them per the spec's SendLimit.
/// </summary>
internal sealed class BybitSubscriptions
{
    private readonly IVenueActions actions;
    private readonly int maxArgsPerRequest;
    private readonly string?[] open;
    private long requestId;

    public BybitSubscriptions(IVenueActions actions, int connectionCount, int maxArgsPerRequest)
    {
        this.actions = actions;
        this.maxArgsPerRequest = maxArgsPerRequest;
        open = new string?[connectionCount];
    }

    /// <summary>The physical connection of spec <paramref name="connection"/> now open, or null.</summary>
    public string? OpenConnectionOf(int connection) => open[connection];

    public void Opened(int connection, string connectionId) => open[connection] = connectionId;

    public void Closed(int connection) => open[connection] = null;

    /// <summary>Subscribes every book of spec <paramref name="connection"/> on its new connection, in requests of at most the per-request limit.</summary>
    public void SubscribeAll(int connection, ReadOnlySpan<BybitBookSync> books)
    {
        if (open[connection] is not { } connectionId)
        {
            return;
        }

        var text = new StringBuilder();
        var args = 0;
        foreach (var book in books)
        {
            if (book.Connection != connection)
            {
                continue;
            }

            if (args == 0)
            {
                StartRequest(text, "subscribe");
            }
            else
            {
                text.Append(',');
            }

            text.Append('"').Append(book.Topic).Append('"');
            if (++args == maxArgsPerRequest)
            {
                actions.Send(connectionId, text.Append("]}").ToString());
                args = 0;
            }
        }

        if (args > 0)
        {
            actions.Send(connectionId, text.Append("]}").ToString());
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

        actions.Send(connectionId, Request("unsubscribe", book.Topic));
        actions.Send(connectionId, Request("subscribe", book.Topic));
    }

    private string Request(string op, string topic)
    {
        var text = new StringBuilder();
        StartRequest(text, op);
        return text.Append('"').Append(topic).Append("\"]}").ToString();
    }

    private void StartRequest(StringBuilder text, string op)
    {
        text.Clear();
        requestId++;
        text.Append("{\"req_id\":\"").Append(requestId.ToString(CultureInfo.InvariantCulture)).Append("\",\"op\":\"").Append(op).Append("\",\"args\":[");
    }
}
