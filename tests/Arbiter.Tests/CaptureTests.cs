using System.Text;
using Arbiter.Capture;
using Arbiter.Core;

namespace Arbiter.Tests;

public sealed class CaptureTests
{
    [Fact]
    public void Writer_EveryKind_ReadsBackExactly_IncludingInvalidUtf8()
    {
        var path = Path.GetTempFileName();
        try
        {
            byte[] invalid = [0x7B, 0xC3, 0x28, 0x7D]; // "{", a broken two-byte sequence, "}"
            const string frame = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"s\":\"BTCUSDT\",\"k\":\"비트코인\"}}";
            using (var writer = new JsonlCaptureWriter(path))
            {
                writer.WriteConfig(VenueId.Binance, 1_000_000, "{\"Assets\":[\"BTC\"]}");
                writer.WriteOpen(VenueId.Binance, "binance-0#1", 1_000_001, new Uri("wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms"));
                writer.WriteFrame(VenueId.Binance, "binance-0#1", 1_000_002, Encoding.UTF8.GetBytes(frame));
                writer.WriteFrame(VenueId.Upbit, "upbit-0#1", 1_000_003, invalid);
                writer.WriteRest(VenueId.Binance, "/api/v3/depth?symbol=BTCUSDT&limit=1000", 1_000_004, "{\"lastUpdateId\":1}"u8);
                writer.WriteRestFailure(VenueId.Binance, "/api/v3/depth?symbol=BTCUSDT&limit=1000", 1_000_005, "HTTP 429");
                writer.WriteClose(VenueId.Binance, "binance-0#1", 1_000_006);
                writer.WriteTick(1_000_007);
            }

            var lines = File.ReadAllLines(path);
            Assert.Equal(8, lines.Length);
            Assert.Equal("{\"ts\":\"1970-01-01T00:00:01.000002Z\",\"venue\":\"binance\",\"kind\":\"ws\",\"conn\":\"binance-0#1\",\"data\":\"{\\\"stream\\\":\\\"btcusdt@depth@100ms\\\",\\\"data\\\":{\\\"s\\\":\\\"BTCUSDT\\\",\\\"k\\\":\\\"비트코인\\\"}}\"}", lines[2]);
            Assert.Contains("\"data64\":\"e8MofQ==\"", lines[3], StringComparison.Ordinal);

            var records = CaptureReader.Read(path).ToList();
            Assert.Equal([CaptureKinds.Config, CaptureKinds.Open, CaptureKinds.Ws, CaptureKinds.Ws, CaptureKinds.Rest, CaptureKinds.RestError, CaptureKinds.Close, CaptureKinds.Tick], records.Select(r => r.Kind));
            Assert.Equal(frame, Encoding.UTF8.GetString(records[2].Data));
            Assert.Equal(invalid, records[3].Data);
            Assert.Equal(VenueId.Upbit, records[3].Venue);
            Assert.Equal("/api/v3/depth?symbol=BTCUSDT&limit=1000", records[4].Url);
            Assert.Equal("HTTP 429", records[5].Error);
            Assert.Equal(1_000_007, records[7].Time);
            Assert.Null(records[7].Venue);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("not json", "not a JSON object")]
    [InlineData("{\"kind\":\"ws\",\"venue\":\"binance\"}", "missing string field 'ts'")]
    [InlineData("{\"ts\":\"yesterday\",\"kind\":\"ws\",\"venue\":\"binance\"}", "not an ISO-8601 time")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"ws\",\"venue\":\"mtgox\"}", "unknown venue 'mtgox'")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"ws\"}", "needs 'venue'")]
    public void Reader_BadLine_NamesTheLineAndProblem(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CaptureReader.Parse(line, 42, "cap.jsonl"));
        Assert.Contains("cap.jsonl:42", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
