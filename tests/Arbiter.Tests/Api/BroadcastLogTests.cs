using System.Text;
using Arbiter.Api;

namespace Arbiter.Tests.Api;

/// <summary>The shared broadcast log (conflation by superseding, overwrite past the capacity, the wait) and the batch frame, without sockets.</summary>
public sealed class BroadcastLogTests
{
    [Fact]
    public void Append_ANewerMessageWithTheSameKey_SupersedesTheEarlier_OthersStayInOrder()
    {
        var log = new BroadcastLog(100);
        foreach (var m in new[] { Book(1, "a1"), Event("w1"), Book(2, "b1"), Book(1, "a2"), Book(2, "b2"), Book(1, "a3"), Event("w2") })
        {
            log.Append(m);
        }

        Assert.Equal(7, log.Head);
        Assert.Equal(["w1", "b2", "a3", "w2"], Live(log));
        Assert.Equal(4, log.Read(1)!.SupersededBy); // a1 by a2
        Assert.Equal(6, log.Read(4)!.SupersededBy); // a2 by a3
        Assert.Equal(0, log.Read(6)!.SupersededBy);
    }

    [Fact]
    public void Append_OpportunityUpdated_SupersedesOnlyAnEarlierUpdated_AndNeverAcrossOpenedTransferChangedOrClosed()
    {
        var log = new BroadcastLog(100);
        foreach (var m in new[]
        {
            Opportunity(7, "o7", updated: false), Opportunity(7, "u7a", updated: true), Opportunity(8, "u8a", updated: true),
            Opportunity(7, "u7b", updated: true), Opportunity(7, "t7", updated: false), Opportunity(7, "u7c", updated: true),
            Opportunity(8, "u8b", updated: true), Opportunity(7, "u7d", updated: true), Opportunity(7, "c7", updated: false),
        })
        {
            log.Append(m);
        }

        // u7a gives way to u7b; u7b stays (t7 ends its chain); u7c gives way to u7d; u8a to u8b.
        Assert.Equal(["o7", "u7b", "t7", "u8b", "u7d", "c7"], Live(log));
    }

    [Fact]
    public void Read_ASlotOverwrittenByAppendsMoreThanTheCapacityLater_IsNull()
    {
        var log = new BroadcastLog(3);
        Assert.Equal(4, log.Capacity); // rounded up to a power of two
        for (var i = 1; i <= 6; i++)
        {
            Assert.Equal(i, log.Append(Event($"e{i}")));
        }

        Assert.Null(log.Read(1));
        Assert.Null(log.Read(2));
        Assert.Equal(["e3", "e4", "e5", "e6"], Enumerable.Range(3, 4).Select(i => Text(log.Read(i)!)));
    }

    [Fact]
    public async Task WaitAsync_CompletesAtOnceWhenBehind_OtherwiseOnTheNextAppend()
    {
        var log = new BroadcastLog(16);
        log.Append(Event("e1"));
        Assert.True(log.WaitAsync(0).IsCompleted);
        var waiting = log.WaitAsync(1);
        Assert.False(waiting.IsCompleted);
        log.Append(Event("e2"));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
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
        Assert.Equal("client too slow: more than 65536 messages behind", WebSocketClient.TooFarBehindReason(65536));
        Assert.Equal("client too slow: a send did not complete within 30 s", WebSocketClient.SendTimeoutReason(TimeSpan.FromSeconds(30)));
        Assert.True(Encoding.UTF8.GetByteCount(WebSocketClient.TooFarBehindReason(1_000_000)) <= 123);
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

    /// <summary>What a reader that has not fallen behind sends: the messages not superseded, in log order.</summary>
    private static List<string> Live(BroadcastLog log) =>
        [.. Enumerable.Range(1, (int)log.Head).Select(i => log.Read(i)!).Where(m => m.SupersededBy == 0).Select(Text)];
}
