namespace Arbiter.Api;

/// <summary>What a <see cref="ConflationKey"/> identifies: the kind of state a message carries the latest value of.</summary>
public enum ConflationKind : byte
{
    /// <summary>No key: the message is never replaced and replaces nothing.</summary>
    None = 0,

    /// <summary>One instrument's top of book (id: the instrument id).</summary>
    Book,

    /// <summary>One asset's premium matrix (id: the interned asset id).</summary>
    Premiums,

    /// <summary>The FX state (one key).</summary>
    Fx,

    /// <summary>One venue's data-quality record (id: the venue).</summary>
    Quality,

    /// <summary>One venue's connection and counters (id: the venue).</summary>
    Venue,

    /// <summary>The periodic stats (one key).</summary>
    Stats,

    /// <summary>One opportunity (id: the opportunity id); only <c>opportunity.updated</c> replaces, the other opportunity events are barriers.</summary>
    Opportunity,
}
