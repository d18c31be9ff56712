using Arbiter.Replay;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>A bad capture is a clear error naming the file and line, never a crash.</summary>
public sealed class ReplayInputTests
{
    [Theory]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"ftx\",\"kind\":\"ws\",\"conn\":\"f#1\",\"data\":\"{}\"}", typeof(FormatException), ":1: unknown venue 'ftx'")] // every venue has an adapter now
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"binance\",\"kind\":\"config\",\"data\":\"{not json\"}", typeof(FormatException), ":1: the binance config line")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"binance\",\"kind\":\"config\",\"data\":\"{\\\"SnapshotLimit\\\":0}\"}", typeof(ArgumentException), "SnapshotLimit")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"binance\",\"kind\":\"ws\",\"data\":\"{}\"}", typeof(FormatException), "needs 'conn'")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"binance\",\"kind\":\"telepathy\"}", typeof(FormatException), "unknown kind 'telepathy'")]
    [InlineData("garbage", typeof(FormatException), ":1: not a JSON object")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"fx\",\"data\":\"{not json\"}", typeof(FormatException), ":1: the 'fx' line's data is not valid")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"fx\",\"data\":\"{\\\"base\\\":\\\"USD\\\"}\"}", typeof(FormatException), ":1: the 'fx' line's data is not valid")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"wallets\",\"data\":\"{}\"}", typeof(FormatException), ":1: a 'wallets' line needs 'venue'")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"gateio\",\"kind\":\"wallets\",\"data\":\"{\\\"venue\\\":\\\"gateio\\\",\\\"time\\\":1}\"}", typeof(FormatException), ":1: the 'wallets' line's data is not valid")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"settings\",\"data\":\"{not json\"}", typeof(FormatException), ":1: the 'settings' line's data is not valid")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"settings\",\"data\":\"{\\\"minNetProfitUsd\\\":\\\"1\\\",\\\"minNetPremiumBps\\\":\\\"0\\\",\\\"updateThreshold\\\":\\\"0.05\\\",\\\"takerFees\\\":{\\\"ftx\\\":\\\"0.001\\\"},\\\"enabledVenues\\\":[]}\"}", typeof(FormatException), ":1: the 'settings' line's data is not valid: unknown venue 'ftx' in takerFees.")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"settings\",\"data\":\"{\\\"minNetProfitUsd\\\":\\\"1\\\",\\\"minNetPremiumBps\\\":\\\"0\\\",\\\"updateThreshold\\\":\\\"0.05\\\",\\\"takerFees\\\":{\\\"binance\\\":\\\"0.001\\\"},\\\"enabledVenues\\\":[]}\"}", typeof(FormatException), ":1: the 'settings' line's data is not valid: No taker fee for coinbase")]
    [InlineData("{\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"settings\",\"data\":\"{\\\"minNetProfitUsd\\\":\\\"1\\\",\\\"minNetPremiumBps\\\":\\\"20000\\\",\\\"updateThreshold\\\":\\\"0.05\\\",\\\"takerFees\\\":{\\\"binance\\\":\\\"0.001\\\",\\\"coinbase\\\":\\\"0.001\\\",\\\"bybit\\\":\\\"0.001\\\",\\\"gateio\\\":\\\"0.001\\\",\\\"upbit\\\":\\\"0.001\\\",\\\"bithumb\\\":\\\"0.001\\\",\\\"okx\\\":\\\"0.001\\\",\\\"kraken\\\":\\\"0.001\\\"},\\\"enabledVenues\\\":[\\\"binance\\\"]}\"}", typeof(FormatException), ":1: the 'settings' line's values are out of range: Engine:MinNetPremiumBps is 20000; allowed range 0 to 10000.")]
    public void Run_BadCapture_FailsNamingTheProblem(string line, Type expected, string message)
    {
        var dir = Directory.CreateTempSubdirectory("arbiter-badcap-");
        try
        {
            var capture = Path.Combine(dir.FullName, "cap.jsonl");
            File.WriteAllText(capture, line + "\n");
            var settings = new DemoRun().Settings;
            var error = Assert.ThrowsAny<Exception>(() => ReplayRunner.Run(capture, Path.Combine(dir.FullName, "e.jsonl"), null, settings));
            Assert.IsAssignableFrom(expected, error);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Run_MalformedFramesInCapture_AreCountedNotFatal()
    {
        var dir = Directory.CreateTempSubdirectory("arbiter-badframes-");
        try
        {
            var capture = Path.Combine(dir.FullName, "cap.jsonl");
            File.WriteAllLines(capture,
            [
                "{\"ts\":\"2026-01-01T00:00:00Z\",\"venue\":\"upbit\",\"kind\":\"open\",\"conn\":\"upbit-0#1\",\"url\":\"wss://api.upbit.com/websocket/v1\"}",
                "{\"ts\":\"2026-01-01T00:00:00.1Z\",\"venue\":\"upbit\",\"kind\":\"ws\",\"conn\":\"upbit-0#1\",\"data\":\"{\\\"type\\\":\\\"orderbook\\\",\\\"code\\\":\"}",
                "{\"ts\":\"2026-01-01T00:00:00.2Z\",\"venue\":\"upbit\",\"kind\":\"ws\",\"conn\":\"upbit-0#1\",\"data64\":\"e8MofQ==\"}",
                "{\"ts\":\"2026-01-01T00:00:00.3Z\",\"kind\":\"tick\"}",
            ]);
            var summary = ReplayRunner.Run(capture, Path.Combine(dir.FullName, "e.jsonl"), null, new DemoRun().Settings);
            Assert.Equal(4, summary.Records);
            Assert.Equal(0, summary.EventsWritten);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
