using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Simulator;
using Arbiter.Venues;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Upbit;

namespace Arbiter.Tests.Support;

/// <summary>
/// A deterministic, socket-free wire between the simulator and the real adapters and engine: the simulation steps on
/// a simulated clock, its frames go to the adapters' protocols, their REST requests are answered by the simulated
/// venue after a latency, and every book the engine applies is compared with the simulator's truth at that sequence.
/// Idle reconnects and reconnect delays emulate what the live connection does.
/// </summary>
internal sealed class FaultHarness : IEngineObserver, IEngineOutputSink
{
    public static readonly TimeSpan StepLength = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RestLatency = TimeSpan.FromMilliseconds(40);
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMilliseconds(800);

    private readonly Simulation simulation;
    private readonly MarketEngine engine;
    private readonly DirectMarketEventSink sink;
    private readonly EngineOptions engineOptions;
    private readonly List<Wire> wires = [];
    private long now;

    public FaultHarness(SimulatorOptions simOptions, EngineOptions engineOptions)
    {
        this.engineOptions = engineOptions;
        now = UnixMicros.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        simulation = new Simulation(simOptions, now);
        engine = new MarketEngine(engineOptions, this, this);
        var pool = new MarketEventPool();
        sink = new DirectMarketEventSink(engine, pool);
        var catalog = new InstrumentCatalog();
        var assets = simOptions.ResolvedAssets.Select(a => a.Code).ToArray();
        var binance = new Wire(this, simulation.Binance);
        binance.Protocol = new BinanceProtocol(new BinanceOptions { Assets = assets, WsBaseUrl = "ws://sim", RestBaseUrl = "http://sim", AllowInsecureUrls = true }, catalog, sink, binance);
        var upbit = new Wire(this, simulation.Upbit);
        upbit.Protocol = new UpbitProtocol(new UpbitOptions { Assets = assets, WsUrl = "ws://sim/websocket/v1", RestBaseUrl = "http://sim", AllowInsecureUrls = true }, catalog, sink, upbit);
        wires.Add(binance);
        wires.Add(upbit);
        foreach (var wire in wires)
        {
            wire.LoadMarkets();
        }
    }

    public Simulation Simulation => simulation;

    public MarketEngine Engine => engine;

    /// <summary>Book applications checked against truth while Synced.</summary>
    public long SyncedChecks { get; private set; }

    /// <summary>Moments a Synced book differed from the simulator's truth at its sequence.</summary>
    public long SyncedMismatches { get; private set; }

    /// <summary>Synced books whose sequence was no longer (or never) in the truth history: cannot be checked, must be 0.</summary>
    public long TruthMissing { get; private set; }

    /// <summary>Step ends at which a Synced book was behind the newest update delivered for it (e.g. an older message applied after a newer one).</summary>
    public long SyncedBehind { get; private set; }

    public long OpportunityEvents { get; private set; }

    /// <summary>Opportunity events whose numbers did not equal an independent walk over the truth books they cite.</summary>
    public long OpportunityMismatches { get; private set; }

    /// <summary>Opportunity events published while either book was not Synced and fresh.</summary>
    public long OpportunitiesFromUnusableBooks { get; private set; }

    public List<string> Failures { get; } = [];

    public IVenueProtocol Protocol(VenueId venue) => wires.First(w => w.Venue == venue).Protocol!;

    /// <summary>Malformed frames the simulator injected that actually reached the adapter (none reach a closed connection).</summary>
    public long MalformedDelivered(VenueId venue) => wires.First(w => w.Venue == venue).MalformedDelivered;

    /// <summary>Advances the simulation by <paramref name="steps"/> steps, delivering everything due.</summary>
    public void Run(int steps)
    {
        for (var s = 0; s < steps; s++)
        {
            now += (long)StepLength.TotalMicroseconds;
            var result = simulation.Step(now);
            foreach (var wire in wires)
            {
                wire.Deliver(result.For(wire.Venue));
                wire.Service();
            }

            CheckCurrency();
            var tick = sink.Rent();
            tick.Kind = MarketEventKind.Tick;
            tick.ReceiveTime = now;
            sink.TryPublish(tick);
        }
    }

    public void OnBookApplied(Instrument instrument, OrderBook book, BookSyncState state)
    {
        if (state != BookSyncState.Synced)
        {
            return;
        }

        SyncedChecks++;
        var venue = simulation.Venue(instrument.Venue);
        if (!venue.TryGetTruth(instrument.Symbol, book.Sequence, out var bids, out var asks))
        {
            TruthMissing++;
            Note($"no truth for {instrument} at {book.Sequence}");
            return;
        }

        if (!SameLevels(instrument, book.Bids, bids) || !SameLevels(instrument, book.Asks, asks))
        {
            SyncedMismatches++;
            Note($"{instrument} Synced at {book.Sequence} differs from truth");
        }
    }

    public void OnOpportunity(OpportunityEvent opportunityEvent)
    {
        OpportunityEvents++;
        var o = opportunityEvent.Opportunity;
        if (opportunityEvent.Kind == OpportunityEventKind.Closed)
        {
            return;
        }

        if (engine.GetState(o.Buy, out _) != BookSyncState.Synced || engine.GetState(o.Sell, out _) != BookSyncState.Synced)
        {
            OpportunitiesFromUnusableBooks++;
            Note($"opportunity {o.Id} published from a book that is not Synced");
        }

        var buyBook = engine.GetBook(o.Buy)!;
        var sellBook = engine.GetBook(o.Sell)!;
        var maxAge = (long)engineOptions.MaxBookAge.TotalMicroseconds;
        if (now - buyBook.ReceiveTime > maxAge || now - sellBook.ReceiveTime > maxAge)
        {
            OpportunitiesFromUnusableBooks++;
            Note($"opportunity {o.Id} published from a stale book");
        }

        if (!simulation.Venue(o.Buy.Venue).TryGetTruth(o.Buy.Symbol, o.BuySequence, out _, out var asks)
            || !simulation.Venue(o.Sell.Venue).TryGetTruth(o.Sell.Symbol, o.SellSequence, out var bids, out _))
        {
            OpportunityMismatches++;
            Note($"opportunity {o.Id} cites sequences with no truth");
            return;
        }

        var expected = IndependentWalk.Walk(asks, bids, ToUsd(o.Buy.Quote), ToUsd(o.Sell.Quote), o.BuyFeeRate, o.SellFeeRate);
        if (expected.Size != o.Size || expected.NetUsd != o.NetProfitUsd || expected.BuyLevels != o.BuyLevels || expected.SellLevels != o.SellLevels)
        {
            OpportunityMismatches++;
            Note($"opportunity {o.Id}: engine size {o.Size} net {o.NetProfitUsd}, truth size {expected.Size} net {expected.NetUsd}");
        }
    }

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time)
    {
    }

    private void CheckCurrency()
    {
        foreach (var instrument in engine.Instruments)
        {
            if (engine.GetState(instrument, out _) != BookSyncState.Synced)
            {
                continue;
            }

            var wire = wires.First(w => w.Venue == instrument.Venue);
            if (wire.NewestDelivered.TryGetValue(instrument.Symbol, out var newest) && engine.GetBook(instrument)!.Sequence < newest)
            {
                SyncedBehind++;
                Note($"{instrument} Synced at {engine.GetBook(instrument)!.Sequence}, behind delivered {newest}");
            }
        }
    }

    private Func<decimal, decimal> ToUsd(Asset quote)
    {
        var fx = engineOptions.Fx;
        if (quote == Asset.Krw)
        {
            return x => x / fx.UsdKrw;
        }

        var rate = quote == Asset.Usdt ? fx.UsdtUsd : quote == Asset.Usdc ? fx.UsdcUsd : 1m;
        return x => x * rate;
    }

    private static bool SameLevels(Instrument instrument, BookSide side, TruthLevel[] truth)
    {
        if (side.Count != truth.Length)
        {
            return false;
        }

        for (var i = 0; i < truth.Length; i++)
        {
            if (instrument.PriceToDecimal(side.PriceAt(i)) != truth[i].Price || instrument.QuantityToDecimal(side.QuantityAt(i)) != truth[i].Quantity)
            {
                return false;
            }
        }

        return true;
    }

    private void Note(string failure)
    {
        if (Failures.Count < 20)
        {
            Failures.Add(failure);
        }
    }

    /// <summary>One venue's connection, REST and send queues between the simulated venue and the adapter protocol.</summary>
    private sealed class Wire(FaultHarness owner, SimVenue venue) : IVenueActions
    {
        private readonly List<(long Due, string Path)> rest = [];
        private readonly List<(string Connection, string Text)> sends = [];
        private SimSession? session;
        private string? connection;
        private int opened;
        private long reconnectAt;
        private long lastFrameAt;
        private bool reconnectRequested;

        public IVenueProtocol? Protocol { get; set; }

        public VenueId Venue => venue.Venue;

        public long MalformedDelivered { get; private set; }

        /// <summary>Per symbol, the highest sequence of a well-formed update delivered to the adapter.</summary>
        public Dictionary<string, long> NewestDelivered { get; } = [];

        public void LoadMarkets()
        {
            foreach (var path in Protocol!.MarketListRequests)
            {
                var response = venue.HandleRest(path);
                Protocol.OnRestResponse(path, response.Body, owner.now);
            }

            reconnectAt = owner.now;
        }

        public void Deliver(IReadOnlyList<SimOutput> outputs)
        {
            foreach (var output in outputs)
            {
                if (session is null)
                {
                    return;
                }

                if (output.Kind == SimOutputKind.Disconnect)
                {
                    Close();
                    continue;
                }

                if (output.Kind == SimOutputKind.Frame && session.Select(output) is { } bytes)
                {
                    lastFrameAt = owner.now;
                    if (output.Fault == FaultKind.MalformedFrame && output.Malformation is not null)
                    {
                        MalformedDelivered++;
                    }
                    else if (output.Sequence > NewestDelivered.GetValueOrDefault(output.Symbol))
                    {
                        NewestDelivered[output.Symbol] = output.Sequence;
                    }

                    Protocol!.OnFrame(connection!, bytes, owner.now);
                    Service();
                }
            }
        }

        /// <summary>Carries out whatever the protocol asked for and is due, then opens a connection when one is due.</summary>
        public void Service()
        {
            if (reconnectRequested)
            {
                reconnectRequested = false;
                Close();
            }

            if (session is not null && owner.now - lastFrameAt > (long)IdleTimeout.TotalMicroseconds)
            {
                Close(); // the live connection's idle timeout: a silent socket is reconnected
            }

            if (session is null && owner.now >= reconnectAt && !venue.TryAdmitConnection(owner.now, out _))
            {
                reconnectAt = owner.now + (long)ReconnectDelay.TotalMicroseconds; // refused (HTTP 429): try again later
            }

            if (session is null && owner.now >= reconnectAt)
            {
                var spec = Protocol!.Connections[0];
                session = venue.OpenSession(spec.Url.PathAndQuery, out _) ?? throw new InvalidOperationException($"simulator refused {spec.Url}");
                connection = $"{spec.Name}#{++opened}";
                lastFrameAt = owner.now;
                Protocol.OnOpened(connection, owner.now);
            }

            while (sends.Count > 0)
            {
                var (conn, text) = sends[0];
                sends.RemoveAt(0);
                if (session is null || conn != connection)
                {
                    continue;
                }

                foreach (var reply in session.Receive(text))
                {
                    Protocol!.OnFrame(connection, reply, owner.now);
                }
            }

            for (var i = 0; i < rest.Count; i++)
            {
                if (rest[i].Due > owner.now)
                {
                    continue;
                }

                var path = rest[i].Path;
                rest.RemoveAt(i--);
                var response = venue.HandleRest(path);
                if (response.StatusCode == 200)
                {
                    Protocol!.OnRestResponse(path, response.Body, owner.now);
                }
                else
                {
                    Protocol!.OnRestFailure(path, $"HTTP {response.StatusCode}", owner.now);
                }
            }
        }

        public void RequestRest(string pathAndQuery) => rest.Add((owner.now + (long)RestLatency.TotalMicroseconds, pathAndQuery));

        public void Send(string connectionId, string text) => sends.Add((connectionId, text));

        public void Reconnect(string connectionId, BookInvalidReason reason)
        {
            if (connectionId == connection)
            {
                reconnectRequested = true;
            }
        }

        private void Close()
        {
            if (session is null)
            {
                return;
            }

            session = null;
            Protocol!.OnClosed(connection!, owner.now);
            reconnectAt = owner.now + (long)ReconnectDelay.TotalMicroseconds;
        }
    }
}
