namespace Arbiter.Simulator.Tests;

/// <summary>A test-side Coinbase connection: a session, everything it was sent (replies and step outputs) parsed back, and a local book per product.</summary>
internal sealed class CoinbaseClient
{
    public CoinbaseClient(Simulation sim, bool subscribe = true, params string[] products)
    {
        Sim = sim;
        Session = (CoinbaseSimSession)sim.Coinbase.OpenSession("/", out var rejection)!;
        Assert.Null(rejection);
        if (subscribe)
        {
            Send(Subscribe("level2", products.Length > 0 ? products : [.. sim.Coinbase.Symbols]));
            Send(Subscribe("heartbeats", products.Length > 0 ? products : [.. sim.Coinbase.Symbols]));
        }
    }

    public Simulation Sim { get; }

    public CoinbaseSimSession Session { get; }

    /// <summary>Every message this connection got, in order, with the output it came from (null for replies).</summary>
    public List<(byte[] Bytes, SimOutput? Output)> Received { get; } = [];

    public Dictionary<string, LocalBook> Books { get; } = new(StringComparer.Ordinal);

    public static string Subscribe(string channel, params string[] products) =>
        $"{{\"type\":\"subscribe\",\"product_ids\":[{string.Join(",", products.Select(p => "\"" + p + "\""))}],\"channel\":\"{channel}\"}}";

    public static string Unsubscribe(string channel, params string[] products) =>
        $"{{\"type\":\"unsubscribe\",\"product_ids\":[{string.Join(",", products.Select(p => "\"" + p + "\""))}],\"channel\":\"{channel}\"}}";

    public IReadOnlyList<byte[]> Send(string text)
    {
        var replies = Session.Receive(text);
        foreach (var reply in replies)
        {
            Received.Add((reply, null));
        }

        return replies;
    }

    /// <summary>Steps the simulation once and hands this connection the Coinbase outputs it selects; returns the step's outputs.</summary>
    public IReadOnlyList<SimOutput> Step(int step)
    {
        var outputs = Sim.Step(SimClock.At(step)).Coinbase;
        foreach (var output in outputs)
        {
            if (Session.Select(output) is { } bytes)
            {
                Received.Add((bytes, output));
            }
        }

        return outputs;
    }

    /// <summary>Applies an l2_data message to the local books (a snapshot replaces, an update sets absolute sizes).</summary>
    public void Apply(CoinbaseMessage message)
    {
        foreach (var e in message.L2Events())
        {
            if (e.Type == "snapshot")
            {
                Books[e.ProductId] = new LocalBook();
            }

            var book = Books[e.ProductId];
            book.Apply(e.Side("bid"), bid: true);
            book.Apply(e.Side("offer"), bid: false);
        }
    }
}
