using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.GateIo;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.GateIo;

/// <summary>A GateIoProtocol on recording fakes, with the currency_pairs fixture loaded (BTC_USDT: price scale 3, amount scale 8).</summary>
internal sealed class GateIoHarness
{
    public const string Connection = "gateio-0#1";
    public const string SnapshotPath = "/api/v4/spot/order_book?currency_pair=BTC_USDT&limit=100&with_id=true";

    public GateIoHarness(GateIoOptions? options = null)
    {
        options ??= new GateIoOptions { Assets = ["BTC"], Quotes = ["USDT"] };
        Protocol = new GateIoProtocol(options, Catalog, Sink, Actions);
        Protocol.OnRestResponse(GateIoProtocol.MarketListPath, Fixture.Read("gateio-currency-pairs.json"), 0);
    }

    public InstrumentCatalog Catalog { get; } = new();

    public RecordingSink Sink { get; } = new();

    public RecordingActions Actions { get; } = new();

    public GateIoProtocol Protocol { get; }

    public Instrument BtcUsdt => Protocol.Instruments[0];

    public VenueCounters Counters => Protocol.Counters;

    /// <summary>An incremental BTC_USDT spot.order_book_update; levels as JSON arrays such as <c>["100.5","1"]</c>.</summary>
    public static byte[] Update(long first, long last, string bids = "", string asks = "", long time = 1_700_000_000_000, string pair = "BTC_USDT") =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"time":{{{time / 1000}}},"time_ms":{{{time + 5}}},"channel":"spot.order_book_update","event":"update","result":{"t":{{{time}}},"e":"depthUpdate","E":{{{time / 1000}}},"s":"{{{pair}}}","U":{{{first}}},"u":{{{last}}},"b":[{{{bids}}}],"a":[{{{asks}}}]}}"""));

    /// <summary>A BTC_USDT spot.order_book_update with <c>"full":true</c>.</summary>
    public static byte[] Full(long first, long last, string bids, string asks, long time = 1_700_000_000_000) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"time":{{{time / 1000}}},"time_ms":{{{time + 5}}},"channel":"spot.order_book_update","event":"update","result":{"t":{{{time}}},"full":true,"l":"100","e":"depthUpdate","E":{{{time / 1000}}},"s":"BTC_USDT","U":{{{first}}},"u":{{{last}}},"b":[{{{bids}}}],"a":[{{{asks}}}]}}"""));

    /// <summary>A REST book <c>with_id=true</c>.</summary>
    public static byte[] Snapshot(long id, string bids, string asks, long update = 1_699_999_999_000) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"id":{{id}},"current":{{update + 2}},"update":{{update}},"asks":[{{asks}}],"bids":[{{bids}}]}"""));

    public void Frame(byte[] frame, long at) => Protocol.OnFrame(Connection, frame, at);

    public void Rest(byte[] body, long at) => Protocol.OnRestResponse(SnapshotPath, body, at);

    /// <summary>Opens the connection and syncs the book at id 103 then updates to 110; clears the recorded events.</summary>
    public void Synced()
    {
        Protocol.OnOpened(Connection, 1_000);
        Frame(Update(95, 100, bids: """["100.5","1"]"""), 2_000);
        Frame(Update(101, 105, asks: """["101","2"]"""), 3_000);
        Frame(Update(106, 110, bids: """["100.5","0"]"""), 4_000);
        Rest(Snapshot(103, """["100.5","1"],["99","3"]""", """["101","1"]"""), 5_000);
        Sink.Clear();
    }
}
