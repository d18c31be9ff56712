using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Coinbase;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Coinbase;

/// <summary>A CoinbaseProtocol on recording fakes with the product list fixture loaded (BTC-USD: price 2 dp, size 8 dp).</summary>
internal sealed class CoinbaseHarness
{
    public const string Connection = "coinbase-0#1";
    public const long Second = 1_000_000; // µs

    /// <summary>2025-01-01T00:00:00Z in unix µs: the base of <see cref="L2"/> timestamps.</summary>
    public const long Epoch2025 = 1_735_689_600_000_000;

    public CoinbaseHarness(CoinbaseOptions? options = null)
    {
        options ??= new CoinbaseOptions { Assets = ["BTC"], Quotes = ["USD"] };
        Protocol = new CoinbaseProtocol(options, Catalog, Sink, Actions);
        Protocol.OnRestResponse(CoinbaseProtocol.ProductsPath, Fixture.Read("coinbase-products.json"), 0);
    }

    public InstrumentCatalog Catalog { get; } = new();

    public RecordingSink Sink { get; } = new();

    public RecordingActions Actions { get; } = new();

    public CoinbaseProtocol Protocol { get; }

    public VenueCounters Counters => Protocol.Counters;

    public Instrument BtcUsd => Protocol.Instruments[0];

    public Instrument Instrument(string symbol) => Protocol.Instruments.Single(i => i.Symbol == symbol);

    /// <summary>
    /// An l2_data message with one event; <paramref name="updates"/> are <c>side:price:size</c> triples such as
    /// <c>"bid:100.00:1"</c>. Its timestamp is 2025-01-01T00:00:00Z + <paramref name="micros"/> µs (with ns digits).
    /// </summary>
    public static byte[] L2(long sequence, string type, string product, long micros, params string[] updates)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $$"""{"channel":"l2_data","client_id":"","timestamp":"{{Timestamp(micros)}}","sequence_num":{{sequence}},"events":[{"type":"{{type}}","product_id":"{{product}}","updates":["""));
        for (var i = 0; i < updates.Length; i++)
        {
            var parts = updates[i].Split(':');
            text.Append(i > 0 ? "," : "")
                .Append(CultureInfo.InvariantCulture, $$"""{"side":"{{parts[0]}}","event_time":"2025-01-01T00:00:00Z","price_level":"{{parts[1]}}","new_quantity":"{{parts[2]}}"}""");
        }

        return Encoding.UTF8.GetBytes(text.Append("]}]}").ToString());
    }

    public static byte[] Heartbeat(long sequence, long micros = 0) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"channel":"heartbeats","client_id":"","timestamp":"{{Timestamp(micros)}}","sequence_num":{{sequence}},"events":[{"current_time":"2025-01-01 00:00:00.000000001 +0000 UTC m=+1.000000001","heartbeat_counter":{{sequence}}}]}"""));

    /// <summary>RFC 3339 with nanoseconds: 2025-01-01T00:00:00Z + micros, then "789" below the microsecond.</summary>
    public static string Timestamp(long micros) =>
        UnixMicros.ToDateTimeOffset(Epoch2025 + micros).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "789Z";

    public void Frame(byte[] frame, long at) => Protocol.OnFrame(Connection, frame, at);

    /// <summary>Opens the connection at 1 s and applies a BTC-USD snapshot (bid 100.00 × 1, ask 101.00 × 2) as sequence 0; clears the records.</summary>
    public void Synced()
    {
        Protocol.OnOpened(Connection, Second);
        Frame(L2(0, "snapshot", "BTC-USD", 1, "bid:100.00:1", "offer:101.00:2"), 2 * Second);
        Sink.Clear();
    }

    /// <summary>What was sent, as (connection, text) in order, after the initial subscription (the first <paramref name="skip"/>).</summary>
    public string[] SentTexts(int skip = 0) => Actions.Sends.Skip(skip).Select(s => s.Text).ToArray();
}
