using Arbiter.Alerts;
using Arbiter.Core;
using Arbiter.Engine;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>Admin notices, each exactly once per transition.</summary>
public sealed class StatusNotifierTests
{
    private const long Minute = 60_000_000;
    private readonly List<string> notices = [];
    private readonly RecordingLogger logger = new();

    private StatusNotifier Notifier(params string[] watched) =>
        new(new StatusOptions { VenueDownAfter = TimeSpan.FromMinutes(2), WatchedAssets = [.. watched] }, notices.Add, logger);

    [Fact]
    public void Connection_DownLongerThanTheLimitAndBack_OneNoticeEach()
    {
        var status = Notifier();
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Connected, T0);
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Disconnected, T0 + Minute);
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Connecting, T0 + Minute + 1);
        status.Check(T0 + (3 * Minute) - 1);
        Assert.Empty(notices);

        status.Check(T0 + (3 * Minute));
        status.Check(T0 + (4 * Minute));
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Disconnected, T0 + (5 * Minute));
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Connected, T0 + (6 * Minute) + 30_000_000);
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Connected, T0 + (7 * Minute));

        Assert.Equal(["⚠️ <b>upbit</b> down for 2 min 0 s (connecting)", "✅ <b>upbit</b> connected again after 5 min 30 s"], notices);

        // A short drop is no notice at all.
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Disconnected, T0 + (8 * Minute));
        status.OnConnectionChanged(VenueId.Upbit, ConnectionState.Connected, T0 + (9 * Minute));
        status.Check(T0 + (20 * Minute));
        Assert.Equal(2, notices.Count);
        Assert.Equal(2, status.Notices);
        Assert.Equal("Information 6009 Status notice: ⚠️ <b>upbit</b> down for 2 min 0 s (connecting)", logger.Lines[0]);
    }

    [Fact]
    public void Connection_CircuitOpen_NoticedAtOnceAndClosedOnReconnect()
    {
        var status = Notifier();
        status.OnConnectionChanged(VenueId.Okx, ConnectionState.Disconnected, T0);
        status.OnConnectionChanged(VenueId.Okx, ConnectionState.CircuitOpen, T0 + 1);
        status.OnConnectionChanged(VenueId.Okx, ConnectionState.Connecting, T0 + (5 * Minute));
        status.OnConnectionChanged(VenueId.Okx, ConnectionState.CircuitOpen, T0 + (5 * Minute) + 1);
        status.OnConnectionChanged(VenueId.Okx, ConnectionState.Connected, T0 + (11 * Minute));

        Assert.Equal(
        [
            "⛔ <b>okx</b> circuit breaker open: no reconnect attempts for a while",
            "⚠️ <b>okx</b> down for 5 min 0 s (connecting)",
            "✅ <b>okx</b> connected again after 11 min 0 s (circuit breaker closed)",
        ], notices);
    }

    [Fact]
    public void Fx_StaleAndRecovered_OncePerTransition()
    {
        var status = Notifier();
        FxState Fx(FxRateStatus s, decimal rate, long time) => new(time, new FxRate(Asset.Usd, Asset.Krw, rate, time, "http: https://fx.example/rate", s), Missing(Asset.Usdt), Missing(Asset.Usdc), []);

        status.OnFx(Fx(FxRateStatus.Missing, 0m, T0)); // start: not a transition
        status.OnFx(Fx(FxRateStatus.Live, 1391.5m, T0 + 1));
        status.OnFx(Fx(FxRateStatus.Live, 1392m, T0 + 2));
        status.OnFx(Fx(FxRateStatus.Stale, 1392m, T0 + 3));
        status.OnFx(Fx(FxRateStatus.Stale, 1392m, T0 + 4));
        status.OnFx(Fx(FxRateStatus.Derived, 1390.25m, T0 + 5));
        status.OnFx(Fx(FxRateStatus.Live, 1391m, T0 + 6));

        Assert.Equal(
        [
            $"⚠️ FX USD/KRW stale: last 1392 at {UnixMicros.ToIso(T0 + 3)} (http: https://fx.example/rate); KRW opportunities are not computed",
            "✅ FX USD/KRW recovered: 1390.25 (Derived, http: https://fx.example/rate)",
        ], notices);
        Assert.Equal("venues:\nFX USD/KRW: 1391 (Live)", status.Summary(T0 + 7));
    }

    [Fact]
    public void Wallet_SuspendedAndReopened_ForWatchedAssetsOnly()
    {
        var status = Notifier("USDT");
        var usdt = Asset.Of("USDT");
        var open = new NetworkStatus("TRX", "TRC20", true, true, 1m);
        var shut = open with { WithdrawOpen = false };

        status.OnWalletChanged(new WalletChange(VenueId.Binance, usdt, "TRX", null, open, T0)); // first sight
        status.OnWalletChanged(new WalletChange(VenueId.Binance, Asset.Btc, "BTC", new NetworkStatus("BTC", "BTC", true, true), new NetworkStatus("BTC", "BTC", true, false), T0)); // not watched
        status.OnWalletChanged(new WalletChange(VenueId.Binance, usdt, "TRX", open, shut, T0 + 1));
        status.OnWalletChanged(new WalletChange(VenueId.Binance, usdt, "TRX", shut, shut with { DepositOpen = false }, T0 + 2)); // deposits only
        status.OnWalletChanged(new WalletChange(VenueId.Binance, usdt, "TRX", shut, open, T0 + 3));
        status.OnWalletChanged(new WalletChange(VenueId.Binance, usdt, "TRX", open, null, T0 + 4));

        Assert.Equal(
        [
            "⚠️ Withdrawals suspended: USDT on <b>binance</b> (TRX)",
            "✅ Withdrawals reopened: USDT on <b>binance</b> (TRX)",
            "⚠️ Withdrawals unavailable: USDT on <b>binance</b> (TRX) is no longer listed",
        ], notices);
    }

    [Fact]
    public void Quality_ExcludedAndReadmitted_OncePerTransition()
    {
        var status = Notifier();
        VenueQuality Q(bool excluded, double score) => new(VenueId.Bithumb, score, excluded, 1000, 0, 12, 0, 3, 0, 2, 0, T0);

        status.OnVenueQuality(Q(false, 95));
        status.OnVenueQuality(Q(true, 41.26));
        status.OnVenueQuality(Q(true, 30));
        status.OnVenueQuality(Q(false, 80));
        status.OnVenueQuality(Q(false, 90));

        Assert.Equal(["⚠️ <b>bithumb</b> excluded for data quality (score 41.3, 15 updates rejected)", "✅ <b>bithumb</b> readmitted (score 80)"], notices);
    }

    private static FxRate Missing(Asset coin) => new(coin, Asset.Usd, 0m, 0, "configured", FxRateStatus.Missing);
}
