namespace Arbiter.Venues.Okx;

/// <summary>The <c>action</c> of a <c>books</c> push.</summary>
internal enum OkxAction : byte
{
    None = 0,
    Snapshot,
    Update,
    Other,
}
