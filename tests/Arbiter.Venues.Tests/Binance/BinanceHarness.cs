using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Binance;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Binance;

/// <summary>A BinanceProtocol on recording fakes, with the exchangeInfo fixture loaded (BTCUSDT: price 2 dp, quantity 5 dp).</summary>
internal sealed class BinanceHarness
{
    public const string Connection = "binance-0#1";
    public const string SnapshotPath = "/api/v3/depth?symbol=BTCUSDT&limit=1000";

    public BinanceHarness(BinanceOptions? options = null)
    {
        options ??= new BinanceOptions { Assets = ["BTC"], Quotes = ["USDT"] };
        Protocol = new BinanceProtocol(options, Catalog, Sink, Actions);
        Protocol.OnRestResponse(BinanceProtocol.ExchangeInfoPath, Fixture.Read("binance-exchangeInfo.json"), 0);
    }

    public InstrumentCatalog Catalog { get; } = new();

    public RecordingSink Sink { get; } = new();

    public RecordingActions Actions { get; } = new();

    public BinanceProtocol Protocol { get; }

    public Instrument BtcUsdt => Protocol.Instruments[0];

    public VenueCounters Counters => Protocol.Counters;

    /// <summary>A combined-stream BTCUSDT depthUpdate; levels as JSON arrays such as <c>["100.00","1"]</c>.</summary>
    public static byte[] Depth(long first, long last, string bids = "", string asks = "", long eventTime = 1_700_000_000_000) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":{{{eventTime}}},"s":"BTCUSDT","U":{{{first}}},"u":{{{last}}},"b":[{{{bids}}}],"a":[{{{asks}}}]}}"""));

    public static byte[] Snapshot(long lastUpdateId, string bids, string asks) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"lastUpdateId":{{lastUpdateId}},"bids":[{{bids}}],"asks":[{{asks}}]}"""));

    public void Frame(byte[] frame, long at) => Protocol.OnFrame(Connection, frame, at);

    public void Rest(byte[] body, long at) => Protocol.OnRestResponse(SnapshotPath, body, at);

    /// <summary>Opens the connection and syncs the book at lastUpdateId 103 then events to 110; clears the recorded events.</summary>
    public void Synced()
    {
        Protocol.OnOpened(Connection, 1_000);
        Frame(Depth(95, 100, bids: """["100.00","1"]"""), 2_000);
        Frame(Depth(101, 105, asks: """["101.00","2"]"""), 3_000);
        Frame(Depth(106, 110, bids: """["100.00","0"]"""), 4_000);
        Rest(Snapshot(103, """["100.00","1"],["99.00","3"]""", """["101.00","1"]"""), 5_000);
        Sink.Clear();
    }
}
