namespace Arbiter.Fanout;

/// <summary>What the client needs to know about one server message's <c>type</c>.</summary>
internal enum MessageKind
{
    /// <summary>A type this benchmark does not tell apart (fx, stats, premiums, …) or no type.</summary>
    Other,

    /// <summary><c>snapshot</c>: the first message after connecting.</summary>
    Snapshot,

    /// <summary><c>books</c>: book tops (conflatable per instrument).</summary>
    Books,

    /// <summary><c>opportunity.opened</c> or <c>opportunity.closed</c>: never conflated, so every client receives each one.</summary>
    OpportunityOpenedOrClosed,

    /// <summary><c>opportunity.updated</c> or <c>opportunity.transferChanged</c>.</summary>
    OpportunityOther,

    /// <summary><c>error</c>: the server rejected something this client sent.</summary>
    Error,

    /// <summary>Not a JSON message object (a malformed frame).</summary>
    Invalid,
}
