namespace Arbiter.Simulator;

/// <summary>The feed faults a simulated venue can inject; the semantics per venue are documented on <see cref="SimVenue"/>.</summary>
public enum FaultKind
{
    /// <summary>An update is not sent (its sequence ids are consumed).</summary>
    SequenceGap = 0,

    /// <summary>An update frame is sent twice, byte for byte.</summary>
    Duplicate = 1,

    /// <summary>Two consecutive updates of one symbol arrive swapped.</summary>
    Reorder = 2,

    /// <summary>The server closes the venue's sockets abruptly.</summary>
    DroppedConnection = 3,

    /// <summary>Sockets stay open but nothing is sent for the venue's StallDuration while the true book moves on.</summary>
    SilentStall = 4,

    /// <summary>A garbage frame is sent before the step's real update (which still follows).</summary>
    MalformedFrame = 5,

    /// <summary>A real update puts a bid at or above the best ask; a later step removes it.</summary>
    CrossedBook = 6,

    /// <summary>Checksum venues (OKX, Kraken): a real update arrives with one level altered but the checksum of the true book; the truth is the unaltered book. Must be caught on that message.</summary>
    ChecksumCorruption = 7,

    /// <summary>OKX: a real update arrives with checksum 0 (the field's retired value); its content is true. Must cause no resync.</summary>
    ChecksumZero = 8,

    /// <summary>The venue restarts a symbol's sequence (OKX: seqId drops below prevSeqId after maintenance; Bybit: a snapshot with u = 1).</summary>
    SequenceReset = 9,

    /// <summary>The next subscribe request is refused with the venue's rate-limit error (the IP's quota was used elsewhere).</summary>
    SubscribeRefused = 10,

    /// <summary>The next WebSocket handshake is refused with HTTP 429 (the IP's connection quota was used elsewhere).</summary>
    ConnectionRefused = 11,

    /// <summary>
    /// Upbit, Bithumb (a full book per message): a frame's top is replaced by a nonsense but well-formed book (best bid at
    /// 40 % of the true price, best ask at 160 %); the truth is not changed and the symbol's next frame is correct again.
    /// </summary>
    BadTick = 12,
}
