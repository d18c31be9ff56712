namespace Arbiter.Simulator;

/// <summary>Probability per simulation step that a venue injects each <see cref="FaultKind"/>; all 0 by default.</summary>
public sealed class FaultRates
{
    public double SequenceGap { get; set; }

    public double Duplicate { get; set; }

    public double Reorder { get; set; }

    public double DroppedConnection { get; set; }

    public double SilentStall { get; set; }

    public double MalformedFrame { get; set; }

    public double CrossedBook { get; set; }

    public double ChecksumCorruption { get; set; }

    public double ChecksumZero { get; set; }

    public double SequenceReset { get; set; }

    public double SubscribeRefused { get; set; }

    public double ConnectionRefused { get; set; }

    public double BadTick { get; set; }

    public double Get(FaultKind kind) => kind switch
    {
        FaultKind.SequenceGap => SequenceGap,
        FaultKind.Duplicate => Duplicate,
        FaultKind.Reorder => Reorder,
        FaultKind.DroppedConnection => DroppedConnection,
        FaultKind.SilentStall => SilentStall,
        FaultKind.MalformedFrame => MalformedFrame,
        FaultKind.CrossedBook => CrossedBook,
        FaultKind.ChecksumCorruption => ChecksumCorruption,
        FaultKind.ChecksumZero => ChecksumZero,
        FaultKind.SequenceReset => SequenceReset,
        FaultKind.SubscribeRefused => SubscribeRefused,
        FaultKind.ConnectionRefused => ConnectionRefused,
        FaultKind.BadTick => BadTick,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };
}
