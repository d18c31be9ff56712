namespace Arbiter.Venues.Okx;

/// <summary>The <c>event</c> of a reply or notice.</summary>
internal enum OkxEvent : byte
{
    None = 0,
    Ack,
    Error,
    Other,
}
