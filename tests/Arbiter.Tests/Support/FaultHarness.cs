using Arbiter.Core;
using Arbiter.Engine;
using Arbiter.Simulator;
using Arbiter.Hosting;
using Arbiter.Venues;

namespace Arbiter.Tests.Support;

/// <summary>
/// A deterministic, socket-free wire between the simulator and the real adapters and engine: the simulation steps on
/// a simulated clock, its frames go to the adapters' protocols, their REST requests are answered by the simulated
/// venue after a latency, and every book the engine applies is compared with the simulator's truth at that sequence.
/// Idle reconnects, reconnect delays, refused handshakes and server closes after an error emulate what the live connection does; a venue's
/// protocol is built by the host's <see cref="VenueAdapters"/> entry, pointed at the simulated venue, so every venue with
/// an adapter and a simulator runs here the same way.
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
    private readonly Dictionary<Instrument, long> lostAt = [];
    private readonly HashSet<Instrument> everSynced = [];
    private long now;

    /// <param name="simOptions">The simulation; every enabled venue that has an adapter is wired.</param>
    /// <param name="engineOptions">The engine under test.</param>
    public FaultHarness(SimulatorOptions simOptions, EngineOptions engineOptions)
    {
        this.engineOptions = engineOptions;

        // The simulation's own USD/KRW as a fixed rate (no FX source here); stablecoins at 1 unless a book gives their rate.
        engineOptions.Fx.UsdKrw ??= simOptions.UsdKrw;
        engineOptions.Fx.UsdtUsd ??= 1.0m;
        engineOptions.Fx.UsdcUsd ??= 1.0m;
        now = UnixMicros.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        simulation = new Simulation(simOptions, now);
        engine = new MarketEngine(engineOptions, this, this);
        var pool = new MarketEventPool();
        sink = new DirectMarketEventSink(engine, pool);
        var catalog = new InstrumentCatalog();
        var assets = simOptions.ResolvedAssets.Select(a => a.Code).ToArray();
        foreach (var venue in simulation.Venues)
        {
            if (!VenueAdapters.Has(venue.Venue))
            {
                continue;
            }

            var adapter = VenueAdapters.For(venue.Venue);
            var options = new VenuesOptions();
            adapter.PointAtSimulator(options, new Uri("ws://sim"), new Uri("http://sim"), assets);
            var wire = new Wire(this, venue);
            wire.Protocol = adapter.Create(null, options, catalog, sink, wire);
            wires.Add(wire);
        }

        foreach (var wire in wires)
        {
            wire.LoadMarkets();
        }
    }

    public Simulation Simulation => simulation;

    public MarketEngine Engine => engine;

    /// <summary>Book applications checked against truth while Synced.</summary>
    public long SyncedChecks { get; private set; }

    /// <summary>Bad ticks (simulator data-quality faults) handed to an adapter, and of those the ones the engine rejected on arrival.</summary>
    public long BadTicksDelivered { get; private set; }

    public long BadTicksRejected { get; private set; }

    /// <summary>Book updates the engine's data-quality checks rejected (the book is not read until a good update).</summary>
    public long RejectedUpdates { get; private set; }

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

    /// <summary>ChecksumCorruption frames delivered to a book that was Synced just before.</summary>
    public long ChecksumCorruptionsDelivered { get; private set; }

    /// <summary>Of those, the ones after which the book was no longer Synced (caught on the message that carried them).</summary>
    public long ChecksumCorruptionsCaught { get; private set; }

    /// <summary>ChecksumZero frames delivered.</summary>
    public long ChecksumZeroDelivered { get; private set; }

    /// <summary>Resyncs the adapter counted while handling a ChecksumZero frame (must be 0: a zero checksum means "absent").</summary>
    public long ChecksumZeroResyncs { get; private set; }

    /// <summary>How long each book took from losing Synced (an applied invalidation) to Synced again, in µs of simulated time.</summary>
    public List<long> ResyncDurations { get; } = [];

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

    /// <summary>The p-th percentile (0..100) of <see cref="ResyncDurations"/>, in µs (nearest rank); 0 when none.</summary>
    public long ResyncPercentile(double p)
    {
        if (ResyncDurations.Count == 0)
        {
            return 0;
        }

        var sorted = ResyncDurations.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public void OnBookApplied(Instrument instrument, OrderBook book, BookSyncState state)
    {
        if (state != BookSyncState.Synced)
        {
            if (state is BookSyncState.Unsynced or BookSyncState.Syncing && !lostAt.ContainsKey(instrument) && everSynced.Contains(instrument))
            {
                lostAt[instrument] = now;
            }

            return;
        }

        everSynced.Add(instrument);
        if (lostAt.Remove(instrument, out var since))
        {
            ResyncDurations.Add(now - since);
        }

        if (engine.GetRejection(instrument) != QualityReason.None)
        {
            // Synced but failing the data-quality checks: not read by anything, so not compared with the truth.
            RejectedUpdates++;
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

        var expected = IndependentWalk.Walk(asks, bids, ToUsd(o.Buy.Quote, o.BuyFxRate), ToUsd(o.Sell.Quote, o.SellFxRate), o.BuyFeeRate, o.SellFeeRate);
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

    /// <summary>
    /// Converts at the rate the opportunity says it used, after checking that rate against the harness's own: KRW at the
    /// configured USD/KRW, USD at 1, stablecoins at the configured fallback or the mid of a stablecoin book.
    /// </summary>
    private Func<decimal, decimal> ToUsd(Asset quote, decimal rate)
    {
        var fx = engineOptions.Fx;
        if (quote == Asset.Krw)
        {
            if (rate != fx.UsdKrw)
            {
                Note($"KRW priced at {rate}, configured {fx.UsdKrw}");
            }

            return x => x / rate;
        }

        if (quote == Asset.Usd && rate != 1m)
        {
            Note($"USD priced at {rate}");
        }

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

    /// <summary>One venue's connections, REST and send queues between the simulated venue and the adapter protocol.</summary>
    private sealed class Wire(FaultHarness owner, SimVenue venue) : IVenueActions
    {
        private readonly List<(long Due, string Path)> rest = [];
        private readonly List<(string Connection, string Text)> sends = [];
        private Link[] links = [];
        private int opened;

        public IVenueProtocol? Protocol { get; set; }

        public VenueId Venue => venue.Venue;

        public long MalformedDelivered { get; private set; }

        /// <summary>Per symbol, the sequence of the newest well-formed update delivered to the adapter (a venue's sequence reset starts it again).</summary>
        public Dictionary<string, long> NewestDelivered { get; } = [];

        public void LoadMarkets()
        {
            foreach (var path in Protocol!.MarketListRequests)
            {
                var response = venue.HandleRest(path);
                Protocol.OnRestResponse(path, response.Body, owner.now);
            }
        }

        public void Deliver(IReadOnlyList<SimOutput> outputs)
        {
            foreach (var output in outputs)
            {
                if (output.Kind == SimOutputKind.Disconnect)
                {
                    foreach (var link in links)
                    {
                        Close(link);
                    }

                    continue;
                }

                if (output.Kind != SimOutputKind.Frame)
                {
                    continue;
                }

                foreach (var link in links)
                {
                    if (link.Session?.Select(output) is not { } bytes)
                    {
                        continue;
                    }

                    link.LastFrameAt = owner.now;
                    if (output.Fault == FaultKind.MalformedFrame && output.Malformation is not null)
                    {
                        MalformedDelivered++;
                    }
                    else if (output.Fault is null || output.Sequence > NewestDelivered.GetValueOrDefault(output.Symbol))
                    {
                        NewestDelivered[output.Symbol] = output.Sequence; // an untagged lower sequence is the venue's reset
                    }

                    DeliverFrame(link, output, bytes);
                    Service();
                }
            }
        }

        /// <summary>Carries out whatever the protocol asked for and is due, then opens the connections that are due.</summary>
        public void Service()
        {
            var specs = Protocol!.Connections;
            if (links.Length != specs.Count)
            {
                links = [.. specs.Select(spec => new Link(spec) { ReconnectAt = owner.now })];
            }

            foreach (var link in links)
            {
                if (link.ReconnectRequested)
                {
                    link.ReconnectRequested = false;
                    Close(link);
                }

                if (link.Session is not null && owner.now - link.LastFrameAt > (long)IdleTimeout.TotalMicroseconds)
                {
                    Close(link); // the live connection's idle timeout: a silent socket is reconnected
                }

                if (link.Session is null && owner.now >= link.ReconnectAt && !venue.TryAdmitConnection(owner.now, out _))
                {
                    link.ReconnectAt = owner.now + (long)ReconnectDelay.TotalMicroseconds; // refused (HTTP 429): try again later
                }

                if (link.Session is null && owner.now >= link.ReconnectAt)
                {
                    link.Session = venue.OpenSession(link.Spec.Url.PathAndQuery, out _) ?? throw new InvalidOperationException($"simulator refused {link.Spec.Url}");
                    link.Id = $"{link.Spec.Name}#{++opened}";
                    link.LastFrameAt = owner.now;
                    Protocol.OnOpened(link.Id, owner.now);
                }
            }

            while (sends.Count > 0)
            {
                var (conn, text) = sends[0];
                sends.RemoveAt(0);
                var link = links.FirstOrDefault(l => l.Session is not null && l.Id == conn);
                if (link is null)
                {
                    continue;
                }

                foreach (var reply in link.Session!.Receive(text))
                {
                    Protocol.OnFrame(link.Id, reply, owner.now);
                }

                if (link.Session.CloseRequested)
                {
                    Close(link); // the venue closes after its error reply (Bithumb)
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
                    Protocol.OnRestResponse(path, response.Body, owner.now);
                }
                else
                {
                    Protocol.OnRestFailure(path, $"HTTP {response.StatusCode}", owner.now);
                }
            }
        }

        public void RequestRest(string pathAndQuery) => rest.Add((owner.now + (long)RestLatency.TotalMicroseconds, pathAndQuery));

        public void Send(string connectionId, string text) => sends.Add((connectionId, text));

        public void Reconnect(string connectionId, BookInvalidReason reason)
        {
            foreach (var link in links)
            {
                if (link.Session is not null && link.Id == connectionId)
                {
                    link.ReconnectRequested = true;
                }
            }
        }

        /// <summary>Hands a frame to the adapter and checks the checksum faults on the spot.</summary>
        private void DeliverFrame(Link link, SimOutput output, byte[] bytes)
        {
            var instrument = output.Fault is FaultKind.ChecksumCorruption or FaultKind.ChecksumZero or FaultKind.BadTick
                ? owner.engine.Instruments.FirstOrDefault(i => i.Venue == Venue && i.Symbol == output.Symbol)
                : null;
            var wasSynced = instrument is not null && owner.engine.GetState(instrument, out _) == BookSyncState.Synced;
            var resyncsBefore = Protocol!.Counters.Resyncs;
            Protocol.OnFrame(link.Id, bytes, owner.now);
            if (instrument is null)
            {
                return;
            }

            if (output.Fault == FaultKind.BadTick)
            {
                owner.BadTicksDelivered++;
                if (owner.engine.GetRejection(instrument) != QualityReason.None)
                {
                    owner.BadTicksRejected++;
                }
                else
                {
                    owner.Note($"{instrument}: a bad tick passed the data-quality checks");
                }
            }
            else if (output.Fault == FaultKind.ChecksumZero)
            {
                owner.ChecksumZeroDelivered++;
                if (Protocol.Counters.Resyncs != resyncsBefore)
                {
                    owner.ChecksumZeroResyncs++;
                    owner.Note($"{instrument}: a zero checksum caused a resync");
                }
            }
            else if (wasSynced)
            {
                owner.ChecksumCorruptionsDelivered++;
                if (owner.engine.GetState(instrument, out _) != BookSyncState.Synced)
                {
                    owner.ChecksumCorruptionsCaught++;
                }
                else
                {
                    owner.Note($"{instrument}: a corrupted level passed its checksum check");
                }
            }
        }

        private void Close(Link link)
        {
            if (link.Session is null)
            {
                return;
            }

            link.Session = null;
            Protocol!.OnClosed(link.Id, owner.now);
            link.ReconnectAt = owner.now + (long)ReconnectDelay.TotalMicroseconds;
        }

        /// <summary>One connection spec's current simulated socket.</summary>
        private sealed class Link(ConnectionSpec spec)
        {
            public ConnectionSpec Spec { get; } = spec;

            public SimSession? Session { get; set; }

            public string Id { get; set; } = "";

            public long LastFrameAt { get; set; }

            public long ReconnectAt { get; set; }

            public bool ReconnectRequested { get; set; }
        }
    }
}
