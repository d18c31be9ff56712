namespace Arbiter.Venues.Okx;

/// <summary>The sequencing fields of one <c>books</c> push (the levels, <c>seqId</c> and <c>ts</c> go into the scratch event).</summary>
/// <param name="PrevSeqId"><c>prevSeqId</c>: -1 on a snapshot, the previous push's <c>seqId</c> on an update.</param>
/// <param name="Checksum">The signed CRC-32 OKX sent; 0 (or absent) means "not checked" (OKX retired the field in 2026).</param>
public readonly record struct OkxBookHeader(long PrevSeqId, int Checksum);
