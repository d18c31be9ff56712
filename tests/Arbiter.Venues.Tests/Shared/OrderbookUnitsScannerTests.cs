using System.Globalization;
using System.Text;
using Arbiter.Core;
using Arbiter.Venues.Tests.TestSupport;
using Arbiter.Venues.Upbit;

namespace Arbiter.Venues.Tests.Shared;

/// <summary>The units fast path must give exactly what the JSON reader gives, for every input.</summary>
public sealed class OrderbookUnitsScannerTests
{
    private static readonly Utf8SymbolMap<Instrument> Codes = LoadCodes();

    [Fact]
    public void ParseFrame_RandomFrames_FastPathEqualsReaderPath()
    {
        var random = new Random(20261121);
        var spellings = 0;
        for (var n = 0; n < 3000; n++)
        {
            var frame = RandomFrame(random);

            // A space after the opening brace does not change the JSON but makes the fast path step aside.
            var readerOnly = Encoding.UTF8.GetBytes("{ " + frame[1..]);
            var fast = Parse(Encoding.UTF8.GetBytes(frame));
            var slow = Parse(readerOnly);
            Assert.True(slow == fast, $"frame {n}: {frame}\nfast {fast}\nslow {slow}");
            spellings += fast.Contains("Orderbook", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(spellings > 1000, $"only {spellings} well-formed frames");
    }

    [Fact]
    public void TryScan_CanonicalFrame_ReadsTheUnitsAndBoundsTheArray()
    {
        var frame = "{\"type\":\"orderbook\",\"code\":\"KRW-BTC\",\"timestamp\":1,\"orderbook_units\":[{\"ask_price\":1.37002E8,\"bid_price\":137001000.0,\"ask_size\":0,\"bid_size\":0.25}],\"level\":0}"u8;
        var book = new MarketEvent();
        Assert.True(OrderbookUnitsScanner.TryScan(frame, Codes, book, out var start, out var end));
        Assert.Equal("[{", Encoding.ASCII.GetString(frame[start..(start + 2)]));
        Assert.Equal(",\"level\":0}", Encoding.ASCII.GetString(frame[end..]));
        Assert.Empty(book.Asks.Span.ToArray()); // size 0: the side is empty
        Assert.Equal([new Level(13_700_100_000_000_000, 25_000_000)], book.Bids.Span.ToArray()); // scale 8 for both

        Assert.False(OrderbookUnitsScanner.TryScan("{ \"type\":\"orderbook\"}"u8, Codes, book, out _, out _));
    }

    [Fact]
    public void ParseFrame_CanonicalFrame_AllocatesNothing()
    {
        var frame = Encoding.UTF8.GetBytes(RandomFrame(new Random(1), malformed: false));
        var book = new MarketEvent();
        OrderbookUnitsParser.ParseFrame(frame, Codes, book, OrderbookTimestampUnit.Milliseconds);
        var allocated = Allocations.Minimum(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                OrderbookUnitsParser.ParseFrame(frame, Codes, book, OrderbookTimestampUnit.Milliseconds);
            }
        });
        Assert.Equal(0, allocated);
    }

    private static string Parse(byte[] frame)
    {
        var book = new MarketEvent();
        var kind = OrderbookUnitsParser.ParseFrame(frame, Codes, book, OrderbookTimestampUnit.Milliseconds);
        var text = new StringBuilder().Append(kind).Append(' ').Append(book.Instrument?.Symbol).Append(' ').Append(book.Sequence);
        if (kind == OrderbookUnitsFrameKind.Orderbook)
        {
            foreach (var l in book.Bids.Span)
            {
                text.Append(" b").Append(l.Price).Append('x').Append(l.Quantity);
            }

            foreach (var l in book.Asks.Span)
            {
                text.Append(" a").Append(l.Price).Append('x').Append(l.Quantity);
            }
        }

        return text.ToString();
    }

    private static string RandomFrame(Random r, bool? malformed = null)
    {
        var bad = malformed ?? r.Next(4) == 0;
        var units = new StringBuilder();
        var count = r.Next(0, 16);
        for (var i = 0; i < count; i++)
        {
            units.Append(i > 0 ? "," : "")
                .Append("{\"ask_price\":").Append(Num(r, 137_000_000 + (i * 1000), bad))
                .Append(",\"bid_price\":").Append(Num(r, 136_999_000 - (i * 1000), bad))
                .Append(",\"ask_size\":").Append(Size(r, bad))
                .Append(",\"bid_size\":").Append(Size(r, bad)).Append('}');
        }

        var code = bad && r.Next(8) == 0 ? "KRW-NOPE" : "KRW-BTC";
        var tail = bad && r.Next(8) == 0 ? "" : "}";
        return $"{{\"type\":\"orderbook\",\"code\":\"{code}\",\"timestamp\":{1_746_601_574_112 + r.Next(1000)},\"total_ask_size\":1.5,\"total_bid_size\":2.5,\"orderbook_units\":[{units}],\"level\":0,\"stream_type\":\"REALTIME\"{tail}";
    }

    private static string Num(Random r, long value, bool bad) => (bad ? r.Next(12) : r.Next(3)) switch
    {
        0 => value.ToString(CultureInfo.InvariantCulture),
        1 => value.ToString(CultureInfo.InvariantCulture) + ".0",
        2 => (value / 1e8).ToString("0.#####", CultureInfo.InvariantCulture) + "E8",
        3 => "-" + value.ToString(CultureInfo.InvariantCulture),
        4 => "0" + value.ToString(CultureInfo.InvariantCulture),
        5 => "NaN",
        6 => "\"" + value.ToString(CultureInfo.InvariantCulture) + "\"",
        7 => value.ToString(CultureInfo.InvariantCulture) + ".",
        8 => "1e999",
        9 => "0",
        _ => value.ToString(CultureInfo.InvariantCulture) + ".000000001",
    };

    private static string Size(Random r, bool bad) => (bad ? r.Next(8) : r.Next(5)) switch
    {
        0 => "0.106",
        1 => "1.0E-4",
        2 => "0",
        3 => "2.0",
        4 => "0.00520391",
        5 => "-0.5",
        6 => "0.000000001",
        _ => "1.2.3",
    };

    private static Utf8SymbolMap<Instrument> LoadCodes()
    {
        if (!UpbitSymbols.TryParse(Fixture.Read("upbit-market-all.json"), new InstrumentCatalog(), ["BTC"], "KRW", out var parsed, out var error))
        {
            throw new InvalidOperationException(error);
        }

        return parsed.BySymbol;
    }
}
