using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Okx;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Okx;

/// <summary>An OkxProtocol on recording fakes, with the instruments fixture loaded (BTC-USDT: tick 0.1 → price scale 1, lot 1e-8 → quantity scale 8).</summary>
internal sealed class OkxHarness
{
    public const string Connection = "okx-0#1";
    public const string SnapshotPath = "/api/v5/market/books?instId=BTC-USDT&sz=400";

    public OkxHarness(OkxOptions? options = null)
    {
        options ??= new OkxOptions { Assets = ["BTC"], Quotes = ["USDT"] };
        Protocol = new OkxProtocol(options, Catalog, Sink, Actions);
        Protocol.OnRestResponse(OkxProtocol.MarketListPath, Fixture.Read("okx-instruments-spot.json"), 0);
    }

    public InstrumentCatalog Catalog { get; } = new();

    public RecordingSink Sink { get; } = new();

    public RecordingActions Actions { get; } = new();

    public OkxProtocol Protocol { get; }

    public Instrument BtcUsdt => Protocol.Instruments[0];

    public VenueCounters Counters => Protocol.Counters;

    /// <summary>A BTC-USDT books snapshot; levels as JSON arrays such as <c>["100.5","1","0","1"]</c>.</summary>
    public static byte[] Snapshot(long seqId, string bids, string asks, int checksum = 0, long ts = 1_700_000_000_000) =>
        Push("snapshot", -1, seqId, bids, asks, checksum, ts);

    /// <summary>A BTC-USDT books update.</summary>
    public static byte[] Update(long prevSeqId, long seqId, string bids = "", string asks = "", int checksum = 0, long ts = 1_700_000_000_000) =>
        Push("update", prevSeqId, seqId, bids, asks, checksum, ts);

    /// <summary>A REST answer of /api/v5/market/books.</summary>
    public static byte[] Rest(long seqId, string bids, string asks, long ts = 1_700_000_000_500) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"code":"0","msg":"","data":[{"asks":[{{asks}}],"bids":[{{bids}}],"ts":"{{ts}}","seqId":{{seqId}}}]}"""));

    public void Frame(byte[] frame, long at) => Protocol.OnFrame(Connection, frame, at);

    public void RestAnswer(byte[] body, long at) => Protocol.OnRestResponse(SnapshotPath, body, at);

    /// <summary>Opens the connection and syncs BTC-USDT from a snapshot at seqId 10 (bids 100.5×1, 100×2; asks 101×1.5, 102×3); clears the recorded events.</summary>
    public void Synced()
    {
        Protocol.OnOpened(Connection, 1_000);
        Frame(Snapshot(10, """["100.5","1","0","1"],["100","2","0","1"]""", """["101","1.5","0","1"],["102","3","0","1"]"""), 2_000);
        Sink.Clear();
    }

    private static byte[] Push(string action, long prevSeqId, long seqId, string bids, string asks, int checksum, long ts) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"{{{action}}}","data":[{"asks":[{{{asks}}}],"bids":[{{{bids}}}],"ts":"{{{ts}}}","checksum":{{{checksum}}},"prevSeqId":{{{prevSeqId}}},"seqId":{{{seqId}}}}]}"""));
}
