namespace Arbiter.Fanout;

/// <summary>Receives each message <see cref="FrameReader"/> finds in a frame.</summary>
internal interface IMessageSink
{
    /// <param name="kind">The message's type.</param>
    /// <param name="time">Its <c>time</c> in unix µs, or −1 when missing or not in the API's ISO format.</param>
    void OnMessage(MessageKind kind, long time);
}
