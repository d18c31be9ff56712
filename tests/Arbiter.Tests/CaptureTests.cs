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

    [Fact]
    public void Writer_FxAndWalletsLines_ReadBackToEqualValues()
    {
        var path = Path.GetTempFileName();
        try
        {
            var quote = new FxQuote(Asset.Usd, Asset.Krw, 1391.50m, 1_000_000, "http: https://quotation-api-cdn.dunamu.com/v1/forex/recent?codes=FRX.KRWUSD");
            var snapshot = new WalletSnapshot(
                VenueId.GateIo,
                2_000_000,
                [
                    new AssetWallet(Asset.Of("USDT"), [new NetworkStatus("ETH", "ERC20", true, false, 1.5m, 10m, 12, "0xdAC17F958D2ee523a2206206994597C13D831ec7"), new NetworkStatus("TRX", "TRC20", false, true)]),
                    new AssetWallet(Asset.Btc, [], true, null),
                ],
                "GET https://api.gateio.ws/api/v4/wallet/currency_chains");
            using (var writer = new JsonlCaptureWriter(path))
            {
                writer.WriteFx(1_000_001, quote);
                writer.WriteWallets(2_000_001, snapshot);
            }

            var lines = File.ReadAllLines(path);
            Assert.Equal("{\"ts\":\"1970-01-01T00:00:01.000001Z\",\"kind\":\"fx\",\"data\":\"{\\\"base\\\":\\\"USD\\\",\\\"quote\\\":\\\"KRW\\\",\\\"rate\\\":\\\"1391.50\\\",\\\"time\\\":1000000,\\\"source\\\":\\\"http: https://quotation-api-cdn.dunamu.com/v1/forex/recent?codes=FRX.KRWUSD\\\"}\"}", lines[0]);
            Assert.StartsWith("{\"ts\":\"1970-01-01T00:00:02.000001Z\",\"venue\":\"gateio\",\"kind\":\"wallets\",\"data\":", lines[1], StringComparison.Ordinal);

            var records = CaptureReader.Read(path).ToList();
            Assert.Equal([(CaptureKinds.Fx, 1_000_001L, (VenueId?)null), (CaptureKinds.Wallets, 2_000_001L, VenueId.GateIo)], records.Select(r => (r.Kind, r.Time, r.Venue)));
            Assert.Equal(quote, CapturePayloads.ReadFx(Encoding.UTF8.GetString(records[0].Data)));
            var read = CapturePayloads.ReadWallets(Encoding.UTF8.GetString(records[1].Data));
            Assert.Equal((snapshot.Venue, snapshot.Time, snapshot.Source), (read.Venue, read.Time, read.Source));
            Assert.Equal(snapshot.Assets.Count, read.Assets.Count);
            for (var i = 0; i < snapshot.Assets.Count; i++)
            {
                Assert.Equal((snapshot.Assets[i].Asset, snapshot.Assets[i].DepositOpen, snapshot.Assets[i].WithdrawOpen), (read.Assets[i].Asset, read.Assets[i].DepositOpen, read.Assets[i].WithdrawOpen));
                Assert.Equal(snapshot.Assets[i].Networks, read.Assets[i].Networks); // records compare every field
            }

            Assert.Equal(1.5m, read.Assets[0].Networks[0].WithdrawFee);
            Assert.Equal("1.5", read.Assets[0].Networks[0].WithdrawFee!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Writer_SettingsLine_ReadsBackToEqualValues()
    {
        var path = Path.GetTempFileName();
        try
        {
            var fees = new Dictionary<VenueId, decimal>
            {
                [VenueId.Binance] = 0.001m, [VenueId.Coinbase] = 0.006m, [VenueId.Bybit] = 0.001m, [VenueId.GateIo] = 0.002m,
                [VenueId.Upbit] = 0.0005m, [VenueId.Bithumb] = 0.0004m, [VenueId.Okx] = 0.001m, [VenueId.Kraken] = 0.0026m,
            };
            var settings = new EngineRuntimeSettings(1000000m, 12.5m, 0.05, fees, [VenueId.Upbit, VenueId.Binance]);
            using (var writer = new JsonlCaptureWriter(path))
            {
                writer.WriteSettings(3_000_001, settings);
            }

            Assert.Equal(
                "{\"ts\":\"1970-01-01T00:00:03.000001Z\",\"kind\":\"settings\",\"data\":\"{\\\"minNetProfitUsd\\\":\\\"1000000\\\",\\\"minNetPremiumBps\\\":\\\"12.5\\\","
                + "\\\"updateThreshold\\\":\\\"0.05\\\",\\\"takerFees\\\":{\\\"binance\\\":\\\"0.001\\\",\\\"coinbase\\\":\\\"0.006\\\",\\\"bybit\\\":\\\"0.001\\\","
                + "\\\"gateio\\\":\\\"0.002\\\",\\\"upbit\\\":\\\"0.0005\\\",\\\"bithumb\\\":\\\"0.0004\\\",\\\"okx\\\":\\\"0.001\\\",\\\"kraken\\\":\\\"0.0026\\\"},"
                + "\\\"enabledVenues\\\":[\\\"binance\\\",\\\"upbit\\\"]}\"}",
                Assert.Single(File.ReadAllLines(path)));

            var record = Assert.Single(CaptureReader.Read(path));
            Assert.Equal((CaptureKinds.Settings, 3_000_001L, (VenueId?)null), (record.Kind, record.Time, record.Venue));
            var read = CapturePayloads.ReadSettings(Encoding.UTF8.GetString(record.Data));
            Assert.Equal((1000000m, 12.5m, 0.05), (read.MinNetProfitUsd, read.MinNetPremiumBps, read.UpdateThreshold));
            Assert.Equal(fees, read.TakerFees);
            Assert.Equal([VenueId.Binance, VenueId.Upbit], read.EnabledVenues);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
