using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Kraken;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Kraken;

/// <summary>A KrakenProtocol on recording fakes with the AssetPairs fixture loaded (BTC/USD: 1 and 8 dp; MATIC/USD: 4 and 8 dp).</summary>
internal sealed class KrakenHarness
{
    public const string Connection = "kraken-0#1";
    public const string Timestamp = "2023-10-06T17:35:56.000001Z";
    public const long TimestampMicros = 1_696_613_756_000_001;

    public KrakenHarness(KrakenOptions? options = null)
    {
        options ??= new KrakenOptions { Assets = ["BTC", "MATIC"] };
        Protocol = new KrakenProtocol(options, Catalog, Sink, Actions);
        Protocol.OnRestResponse(KrakenProtocol.MarketListPath, Fixture.Read("kraken-assetpairs.json"), 0);
    }

    public InstrumentCatalog Catalog { get; } = new();

    public RecordingSink Sink { get; } = new();

    public RecordingActions Actions { get; } = new();

    public KrakenProtocol Protocol { get; }

    public VenueCounters Counters => Protocol.Counters;

    public Instrument BtcUsd => Protocol.Instruments[0];

    public Instrument MaticUsd => Protocol.Instruments[1];

    /// <summary>A book message; levels as JSON objects such as <c>{"price":100.5,"qty":2}</c>.</summary>
    public static byte[] Book(string type, string symbol, string bids, string asks, uint checksum, string timestamp = Timestamp) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"channel":"book","type":"{{{type}}}","data":[{"symbol":"{{{symbol}}}","bids":[{{{bids}}}],"asks":[{{{asks}}}],"checksum":{{{checksum}}},"timestamp":"{{{timestamp}}}"}]}"""));

    /// <summary>
    /// The checksum as Kraken defines it, computed here from hand-written texts already padded to the pair's precision
    /// (e.g. "0.5660", "18097.15470000"), in checksum order: asks low→high then bids high→low, price then quantity.
    /// </summary>
    public static uint Checksum(params string[] paddedTexts)
    {
        var text = new StringBuilder();
        foreach (var t in paddedTexts)
        {
            text.Append(t.Replace(".", "", StringComparison.Ordinal).TrimStart('0'));
        }

        return Crc32.Compute(Encoding.ASCII.GetBytes(text.ToString()));
    }

    public void Frame(byte[] frame, long at, string connection = Connection) => Protocol.OnFrame(connection, frame, at);

    /// <summary>Opens the connection and applies the docs' MATIC/USD snapshot; clears the recorded events and sends.</summary>
    public void MaticSynced()
    {
        Protocol.OnOpened(Connection, 1_000);
        Frame(Fixture.Read("kraken-book-snapshot-matic-usd.json"), 2_000);
        Sink.Clear();
    }
}
