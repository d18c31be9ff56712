namespace Arbiter.Fanout;

/// <summary>
/// The measured window in message time (unix µs, <c>[Start, End)</c>), shared by the generator and every client so
/// that both count exactly the same events. Closed (nothing inside) until <see cref="Set"/>.
/// </summary>
internal sealed class MeasureWindow
{
    private long start = long.MaxValue;
    private long end = long.MaxValue;

    public long Start => Volatile.Read(ref start);

    public long End => Volatile.Read(ref end);

    public void Set(long startMicros, long endMicros)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(startMicros, endMicros);
        Volatile.Write(ref end, endMicros);
        Volatile.Write(ref start, startMicros);
    }

    public bool Contains(long time) => time >= Start && time < End;
}
