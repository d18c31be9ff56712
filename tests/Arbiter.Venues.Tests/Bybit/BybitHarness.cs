using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Bybit;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Bybit;

/// <summary>
/// A BybitProtocol on recording fakes with the instruments-info fixture loaded: BTCUSDT (price scale 3, quantity scale 8),
/// ETHUSDT, XRPUSDT, DOGEUSDT on "bybit-0" with the default options.
/// </summary>
internal sealed class BybitHarness
{
    public const string Connection = "bybit-0#1";
    public const string BtcTopic = "orderbook.50.BTCUSDT";

    public BybitHarness(BybitOptions? options = null)
    {
        Protocol = new BybitProtocol(options ?? new BybitOptions(), Catalog, Sink, Actions);
        Protocol.OnRestResponse(BybitProtocol.MarketListPath, Fixture.Read("bybit-instruments-info-spot.json"), 0);
    }

    public InstrumentCatalog Catalog { get; } = new();

    public RecordingSink Sink { get; } = new();

    public RecordingActions Actions { get; } = new();

    public BybitProtocol Protocol { get; }

    public Instrument BtcUsdt => Protocol.Instruments[0];

    public VenueCounters Counters => Protocol.Counters;

    /// <summary>A spot orderbook message; levels as JSON arrays such as <c>["100.5","1"]</c>.</summary>
    public static byte[] Book(string type, long u, string bids = "", string asks = "", string symbol = "BTCUSDT", long cts = 1_700_000_000_000) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"topic":"orderbook.50.{{{symbol}}}","ts":{{{cts + 2}}},"type":"{{{type}}}","data":{"s":"{{{symbol}}}","b":[{{{bids}}}],"a":[{{{asks}}}],"u":{{{u}}},"seq":{{{u + 1000}}}},"cts":{{{cts}}}}"""));

    public static byte[] Snapshot(long u, string bids = "", string asks = "", string symbol = "BTCUSDT") => Book("snapshot", u, bids, asks, symbol);

    public static byte[] Delta(long u, string bids = "", string asks = "", string symbol = "BTCUSDT") => Book("delta", u, bids, asks, symbol);

    /// <summary>The unsubscribe + subscribe pair that asks Bybit for a new snapshot of one topic.</summary>
    public static bool IsResubscribe(IReadOnlyList<(string ConnectionId, string Text)> sends, int at, string connectionId, string topic) =>
        sends.Count >= at + 2
        && sends[at].ConnectionId == connectionId && sends[at].Text.Contains("\"op\":\"unsubscribe\",\"args\":[\"" + topic + "\"]", StringComparison.Ordinal)
        && sends[at + 1].ConnectionId == connectionId && sends[at + 1].Text.Contains("\"op\":\"subscribe\",\"args\":[\"" + topic + "\"]", StringComparison.Ordinal);

    public void Frame(byte[] frame, long at, string connection = Connection) => Protocol.OnFrame(connection, frame, at);

    /// <summary>Opens the connection and syncs BTCUSDT at u = 100 (bid 100.5 × 1, ask 101 × 2); clears the recorded events and sends.</summary>
    public int Synced()
    {
        Protocol.OnOpened(Connection, 1_000);
        Frame(Snapshot(100, """["100.5","1"]""", """["101","2"]"""), 2_000);
        Sink.Clear();
        return Actions.Sends.Count;
    }
}
