namespace Arbiter.Tests.Contract;

/// <summary>One input of a venue's fixture script, fed to its protocol in order.</summary>
public abstract record ContractStep
{
    /// <summary>A REST answer: the fixture file is the body for <paramref name="PathAndQuery"/> (a market list sent unasked, or the answer to a pending request starting with it).</summary>
    public sealed record Rest(string PathAndQuery, string Fixture) : ContractStep;

    /// <summary>Connection <paramref name="Connection"/> (index into the protocol's Connections) opens.</summary>
    public sealed record Open(int Connection) : ContractStep;

    /// <summary>A WebSocket message on connection <paramref name="Connection"/>: the fixture file's bytes.</summary>
    public sealed record Frame(int Connection, string Fixture) : ContractStep;

    /// <summary>Connection <paramref name="Connection"/> closes.</summary>
    public sealed record Close(int Connection) : ContractStep;
}
