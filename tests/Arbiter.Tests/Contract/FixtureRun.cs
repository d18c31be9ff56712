using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Tests.Contract;

/// <summary>Feeds a venue's fixture script to its protocol (built by the host's adapter entry) and the real engine, with no sockets.</summary>
internal sealed class FixtureRun : IVenueActions, IEngineOutputSink
{
    private readonly IVenueProtocol protocol;
    private readonly List<string> pendingRest = [];
    private readonly Dictionary<int, string> open = [];
    private int opened;
    private long now = UnixMicros.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public FixtureRun(VenueId venue, IReadOnlyList<string> assets, Action<VenuesOptions> configure)
    {
        Engine = new MarketEngine(new EngineOptions(), this);
        var sink = new DirectMarketEventSink(Engine, new MarketEventPool());
        var adapter = VenueAdapters.For(venue);
        var options = new VenuesOptions();
        adapter.PointAtSimulator(options, new Uri("ws://fixture"), new Uri("http://fixture"), assets);
        configure(options);
        protocol = adapter.Create(null, options, new InstrumentCatalog(), sink, this);
    }

    public MarketEngine Engine { get; }

    /// <summary>Texts the protocol sent (subscriptions, pings), with their connection.</summary>
    public List<(string Connection, string Text)> Sent { get; } = [];

    public void Apply(ContractStep step)
    {
        now += 1000;
        switch (step)
        {
            case ContractStep.Rest rest:
                var pending = pendingRest.FirstOrDefault(p => p.StartsWith(rest.PathAndQuery, StringComparison.Ordinal));
                if (pending is not null)
                {
                    pendingRest.Remove(pending);
                }

                protocol.OnRestResponse(pending ?? rest.PathAndQuery, Fixtures.Read(rest.Fixture), now);
                break;
            case ContractStep.Open o:
                open[o.Connection] = $"{protocol.Connections[o.Connection].Name}#{++opened}";
                protocol.OnOpened(open[o.Connection], now);
                break;
            case ContractStep.Frame f:
                protocol.OnFrame(open[f.Connection], Fixtures.Read(f.Fixture), now);
                break;
            case ContractStep.Close c:
                protocol.OnClosed(open[c.Connection], now);
                open.Remove(c.Connection);
                break;
            default:
                throw new ArgumentException($"unknown step {step}", nameof(step));
        }
    }

    public void RequestRest(string pathAndQuery) => pendingRest.Add(pathAndQuery);

    public void Send(string connectionId, string text) => Sent.Add((connectionId, text));

    public void Reconnect(string connectionId, BookInvalidReason reason)
    {
    }

    public void OnOpportunity(OpportunityEvent opportunityEvent)
    {
    }

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
    }
}
