using Arbiter.Alerts;
using Arbiter.Engine;
using static Arbiter.Tests.Alerts.AlertFixtures;

namespace Arbiter.Tests.Alerts;

/// <summary>The alert text, exactly: HTML for Telegram, plain for webhooks.</summary>
public sealed class AlertFormatterTests
{
    [Fact]
    public void Format_WithRoute_ShowsEveryPartInHtml()
    {
        var text = AlertFormatter.Format(Opened(Opportunity(12, 85.1234m, 1234.5m, Route)), TimeSpan.FromMilliseconds(120), TimeSpan.FromSeconds(2.5), html: true);
        Assert.Equal(
            "<b>BTC</b> opened #12\n" +
            "buy binance BTCUSDT → sell upbit KRW-BTC\n" +
            "premium 85.12 bps · size 0.5 BTC\n" +
            "net profit <b>$1,234.50</b> (inventory)\n" +
            "route: BTC, fee 0.0002 BTC ($19.40), net $600.60\n" +
            "books: buy 120 ms, sell 2.5 s old",
            text);
    }

    [Fact]
    public void Format_NoRouteAndUnknownAges_SaysWhyInPlainText()
    {
        var o = Opportunity(3, 40m, 12m);
        var text = AlertFormatter.Format(new OpportunityEvent(OpportunityEventKind.Closed, T0, o, "book-invalid"), null, TimeSpan.FromMinutes(3), html: false);
        Assert.Equal(
            "BTC closed #3 (book-invalid)\n" +
            "buy binance BTCUSDT → sell upbit KRW-BTC\n" +
            "premium 40 bps · size 0.5 BTC\n" +
            "net profit $12.00 (inventory)\n" +
            "route: none (no-route)\n" +
            "books: buy ?, sell 3 min old",
            text);
    }

    [Fact]
    public void Format_ValuesThatLookLikeMarkup_AreEscapedForHtml()
    {
        var o = Opportunity(4, 40m, 12m, new TransferQuote(false, "<b>&x</b>", null, null, null, null, null, null));
        var text = AlertFormatter.Format(Opened(o), null, null, html: true);
        Assert.Contains("route: none (&lt;b&gt;&amp;x&lt;/b&gt;)", text, StringComparison.Ordinal);
        Assert.Equal("a &amp; b &lt;c&gt;", AlertFormatter.EscapeHtml("a & b <c>"));
    }
}
