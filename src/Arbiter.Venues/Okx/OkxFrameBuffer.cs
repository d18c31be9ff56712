namespace Arbiter.Venues.Okx;

/// <summary>
/// The update frames of one book buffered, as received, until a REST snapshot bridges them (they are parsed again when
/// applied, which happens only during a resync): a queue of headers over one reused byte array, so buffering allocates
/// nothing once the arrays have grown to the book's usual burst.
/// </summary>
internal sealed class OkxFrameBuffer
{
    private OkxBufferedFrame[] frames = new OkxBufferedFrame[16];
    private byte[] bytes = new byte[16 * 1024];
    private int head;
    private int tail;
    private int used;

    public int Count => tail - head;

    public ref readonly OkxBufferedFrame First => ref frames[head];

    public ref readonly OkxBufferedFrame Last => ref frames[tail - 1];

    public void Clear()
    {
        head = 0;
        tail = 0;
        used = 0;
    }

    public void Add(ReadOnlySpan<byte> frame, long prevSeqId, long seqId, long receiveTime)
    {
        if (tail == frames.Length)
        {
            Compact();
            if (tail == frames.Length)
            {
                Array.Resize(ref frames, frames.Length * 2);
            }
        }

        if (used + frame.Length > bytes.Length)
        {
            Compact();
            if (used + frame.Length > bytes.Length)
            {
                Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + frame.Length));
            }
        }

        ref var entry = ref frames[tail++];
        entry.PrevSeqId = prevSeqId;
        entry.SeqId = seqId;
        entry.ReceiveTime = receiveTime;
        entry.Start = used;
        entry.Length = frame.Length;
        frame.CopyTo(bytes.AsSpan(used));
        used += frame.Length;
    }

    /// <summary>The bytes of <paramref name="frame"/>; valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<byte> BytesOf(in OkxBufferedFrame frame) => bytes.AsSpan(frame.Start, frame.Length);

    public void DropFirst()
    {
        head++;
        if (head == tail)
        {
            Clear();
        }
    }

    /// <summary>Moves the live entries and their bytes to the start of the arrays.</summary>
    private void Compact()
    {
        if (head == 0)
        {
            return;
        }

        var count = tail - head;
        var start = frames[head].Start;
        Array.Copy(frames, head, frames, 0, count);
        for (var i = 0; i < count; i++)
        {
            frames[i].Start -= start;
        }

        Array.Copy(bytes, start, bytes, 0, used - start);
        used -= start;
        head = 0;
        tail = count;
    }
}
