using System.Text;
using Arbiter.Api;

namespace Arbiter.Tests.Api;

/// <summary>The per-client conflating queue and the batch frame, without sockets.</summary>
public sealed class WebSocketQueueTests
{
    [Fact]
    public void Enqueue_ReplacingMessage_KeepsItsPositionAndCarriesTheNewestContent()
    {
        var queue = new ConflatingSendQueue(100);
        Assert.Equal(EnqueueResult.QueuedFirst, queue.Enqueue(Book(1, "a1")));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Event("w1")));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Book(2, "b1")));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(1, "a2")));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(2, "b2")));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(1, "a3")));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Event("w2")));

        Assert.Equal(4, queue.Count);
        Assert.Equal(["a3", "w1", "b2", "w2"], TakeAll(queue));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Enqueue_SameKeyAfterTheFirstWasTaken_IsQueuedAgainNotLost()
    {
        var queue = new ConflatingSendQueue(100);
        queue.Enqueue(Book(1, "a1"));
        Assert.Equal(["a1"], TakeAll(queue));
        Assert.Equal(EnqueueResult.QueuedFirst, queue.Enqueue(Book(1, "a2")));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(1, "a3")));
        Assert.Equal(["a3"], TakeAll(queue));
    }

    [Fact]
    public void Enqueue_OpportunityUpdated_ReplacesOnlyAPendingUpdatedOfTheSameId_NeverOpenedOrClosed()
    {
        var queue = new ConflatingSendQueue(100);
        queue.Enqueue(Opportunity(7, "opened7", updated: false));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Opportunity(7, "u7a", updated: true))); // not onto "opened"
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Opportunity(7, "u7b", updated: true)));
        queue.Enqueue(Opportunity(8, "u8a", updated: true));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Opportunity(8, "u8b", updated: true)));
        queue.Enqueue(Opportunity(7, "transfer7", updated: false));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Opportunity(7, "u7c", updated: true))); // not back in front of the transfer change
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Opportunity(7, "u7d", updated: true)));
        queue.Enqueue(Opportunity(7, "closed7", updated: false));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Opportunity(7, "u7e", updated: true)));

        Assert.Equal(["opened7", "u7b", "u8b", "transfer7", "u7d", "closed7", "u7e"], TakeAll(queue));
    }

    [Fact]
    public void Enqueue_MoreThanCapacityPending_ReportsOverflow_EmptiesAndClosesTheQueue()
    {
        var queue = new ConflatingSendQueue(3);
        queue.Enqueue(Event("e1"));
        queue.Enqueue(Book(1, "a1"));
        queue.Enqueue(Event("e2"));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(1, "a2"))); // conflated: still 3 pending, within the limit
        Assert.Equal(3, queue.Count);
        Assert.False(queue.IsClosed);

        Assert.Equal(EnqueueResult.Overflow, queue.Enqueue(Event("e3")));
        Assert.True(queue.IsClosed);
        Assert.Equal(0, queue.Count);
        Assert.Equal(EnqueueResult.Closed, queue.Enqueue(Event("e4")));
        Assert.Empty(TakeAll(queue));
    }

    [Fact]
    public void Barrier_LaterMessagesWithTheSameKeyQueueBehindIt()
    {
        var queue = new ConflatingSendQueue(100);
        queue.Enqueue(Book(1, "a1"));
        queue.Barrier();
        queue.Enqueue(Event("snapshot"));
        Assert.Equal(EnqueueResult.Queued, queue.Enqueue(Book(1, "a2")));
        Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(1, "a3")));
        Assert.Equal(["a1", "snapshot", "a3"], TakeAll(queue));
    }

    [Fact]
    public void Enqueue_RingGrowsWhileWrapped_KeepsOrderAndReplacesInPlace()
    {
        var queue = new ConflatingSendQueue(1000);
        var expected = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            queue.Enqueue(Event($"e{i}"));
        }

        var batch = new List<OutboundMessage>();
        queue.TakeBatch(batch, int.MaxValue, 10); // e0..e9 taken: the next ones wrap around the 16-slot ring
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"e{i}"), batch.Select(Text));
        expected.AddRange(["e10", "e11"]);
        for (var i = 0; i < 40; i++)
        {
            queue.Enqueue(Book(i, $"b{i}v1"));
            expected.Add($"b{i}v1");
        }

        for (var i = 0; i < 40; i += 3)
        {
            Assert.Equal(EnqueueResult.Replaced, queue.Enqueue(Book(i, $"b{i}v2")));
            expected[2 + i] = $"b{i}v2";
        }

        Assert.Equal(expected, TakeAll(queue));
    }

    [Fact]
    public void TakeBatch_StopsAtTheByteAndMessageLimits_ButAlwaysTakesOne()
    {
        var queue = new ConflatingSendQueue(100);
        queue.Enqueue(Event(new string('x', 50)));
        queue.Enqueue(Event("yy"));
        queue.Enqueue(Event("zz"));
        queue.Enqueue(Event("ww"));

        var batch = new List<OutboundMessage>();
        Assert.Equal(58, queue.TakeBatch(batch, 10, 100)); // {"t":"xxx…"} is 58 bytes: taken alone although over the limit
        Assert.Single(batch);
        batch.Clear();
        Assert.Equal(10, queue.TakeBatch(batch, 18, 100)); // {"t":"yy"} + {"t":"zz"}: 10 + 10 > 18 → one
        Assert.Equal(["yy"], batch.Select(Text));
        batch.Clear();
        Assert.Equal(20, queue.TakeBatch(batch, 1000, 2));
        Assert.Equal(["zz", "ww"], batch.Select(Text));
    }

    [Fact]
    public void WriteBatch_IsTheMessagesJoinedInsideTheBatchEnvelope()
    {
        var batch = new List<OutboundMessage>
        {
            OutboundMessage.FromUtf8("{\"type\":\"fx\",\"n\":1}"u8.ToArray()),
            OutboundMessage.FromUtf8("{\"type\":\"books\",\"books\":[]}"u8.ToArray()),
            OutboundMessage.FromUtf8("{\"type\":\"stats\"}"u8.ToArray()),
        };
        var frame = new byte[200];

        var written = WebSocketClient.WriteBatch(frame, batch);

        Assert.Equal(
            "{\"type\":\"batch\",\"messages\":[{\"type\":\"fx\",\"n\":1},{\"type\":\"books\",\"books\":[]},{\"type\":\"stats\"}]}",
            Encoding.UTF8.GetString(written.Span));
    }

    [Fact]
    public void Reasons_NameTheLimit_AndFitACloseFrame()
    {
        Assert.Equal("client too slow: more than 4096 messages pending", WebSocketClient.QueueFullReason(4096));
        Assert.Equal("client too slow: a send did not complete within 30 s", WebSocketClient.SendTimeoutReason(TimeSpan.FromSeconds(30)));
        Assert.True(Encoding.UTF8.GetByteCount(WebSocketClient.QueueFullReason(1_000_000)) <= 123);
        Assert.True(Encoding.UTF8.GetByteCount(WebSocketClient.SendTimeoutReason(TimeSpan.FromMinutes(10))) <= 123);
    }

    /// <summary>A test message whose JSON is <c>{"t":"text"}</c>; <see cref="Text"/> reads the text back.</summary>
    private static OutboundMessage Event(string text) => OutboundMessage.FromUtf8(Json(text));

    private static OutboundMessage Book(int instrument, string text) =>
        OutboundMessage.FromUtf8(Json(text), new ConflationKey(ConflationKind.Book, instrument), replaces: true);

    private static OutboundMessage Opportunity(long id, string text, bool updated) =>
        OutboundMessage.FromUtf8(Json(text), new ConflationKey(ConflationKind.Opportunity, id), replaces: updated);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes("{\"t\":\"" + text + "\"}");

    private static string Text(OutboundMessage message)
    {
        var json = Encoding.UTF8.GetString(message.Payload.Span);
        return json["{\"t\":\"".Length..^2];
    }

    private static List<string> TakeAll(ConflatingSendQueue queue)
    {
        var batch = new List<OutboundMessage>();
        queue.TakeBatch(batch, int.MaxValue, int.MaxValue);
        return [.. batch.Select(Text)];
    }
}
