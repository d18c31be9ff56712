using System.Net;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator.Tests;

public sealed class FxQuoteTests
{
    [Fact]
    public void Handle_Recent_DunamuShapeWithTheConfiguredRate()
    {
        var fx = new Simulation(new SimulatorOptions { UsdKrw = 1380m }.Only(VenueId.Upbit), SimClock.Start).Fx;
        var response = fx.Handle("GET", "/v1/forex/recent?codes=FRX.KRWUSD", SimClock.At(10));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            """[{"code":"FRX.KRWUSD","currencyCode":"USD","currencyName":"달러","country":"미국","name":"미국 (KRW/USD)","date":"2026-01-01","time":"09:00:01","recurrenceCount":1,"basePrice":1380.0,"openingPrice":1380.0,"highPrice":1380.0,"lowPrice":1380.0,"change":"EVEN","changePrice":0.0,"cashBuyingPrice":1404.15,"cashSellingPrice":1355.85,"ttBuyingPrice":1366.2,"ttSellingPrice":1393.8,"tcBuyingPrice":null,"fcSellingPrice":null,"exchangeCommission":3.3,"usDollarRate":1.0,"currencyUnit":1,"provider":"하나은행","timestamp":1767225601000,"id":79,"modifiedAt":"2026-01-01T00:00:01.000+0000","signedChangePrice":0.0,"signedChangeRate":0.0,"changeRate":0.0}]""",
            response.BodyText);
        Assert.Equal("[]", fx.Handle("GET", "/v1/forex/recent?codes=FRX.KRWJPY", SimClock.At(10)).BodyText);
        Assert.Equal(2, fx.Served); // both answered with 200
    }

    [Fact]
    public void Control_DownRateAndUp_AreVisibleOnTheNextQuote()
    {
        var fx = new Simulation(new SimulatorOptions().Only(VenueId.Upbit), SimClock.Start).Fx;
        Assert.Equal(200, fx.Handle("POST", "/_sim/fx?down=true", SimClock.Start).StatusCode);
        var down = fx.Handle("GET", "/v1/forex/recent?codes=FRX.KRWUSD", SimClock.Start);
        Assert.Equal(503, down.StatusCode);
        Assert.Equal("""{"code":"FRX.KRWUSD","rate":1400.0,"down":false,"served":0}""", fx.Handle("POST", "/_sim/fx?down=false&rate=1400", SimClock.Start).BodyText);
        using var up = JsonDocument.Parse(fx.Handle("GET", "/v1/forex/recent?codes=FRX.KRWUSD", SimClock.Start).Body);
        var quote = up.RootElement[0];
        Assert.Equal(1400.0m, quote.GetProperty("basePrice").GetDecimal());
        Assert.Equal("RISE", quote.GetProperty("change").GetString());
        Assert.Equal(20.0m, quote.GetProperty("signedChangePrice").GetDecimal());
        fx.Rate = 1375.5m;
        fx.Down = true;
        Assert.Equal(503, fx.Handle("GET", "/v1/forex/recent?codes=FRX.KRWUSD", SimClock.Start).StatusCode);
        fx.Down = false;
        using var again = JsonDocument.Parse(fx.Handle("GET", "/v1/forex/recent?codes=FRX.KRWUSD", SimClock.Start).Body);
        Assert.Equal(1375.5m, again.RootElement[0].GetProperty("basePrice").GetDecimal());
        Assert.Equal(400, fx.Handle("POST", "/_sim/fx?rate=-1", SimClock.Start).StatusCode);
        Assert.Equal(400, fx.Handle("POST", "/_sim/fx", SimClock.Start).StatusCode);
        Assert.Equal(405, fx.Handle("POST", "/v1/forex/recent", SimClock.Start).StatusCode);
    }

    [Fact]
    public async Task Server_FxUrl_ServesTheQuoteAndTheControlOverHttp()
    {
        await using var server = new SimulatorServer(new SimulatorOptions().Only(VenueId.Upbit));
        await server.StartAsync();
        Assert.Equal("127.0.0.1", server.FxUrl.Host);
        Assert.NotEqual(server.RestBase(VenueId.Upbit).Port, server.FxUrl.Port);
        Assert.Equal(new Uri(server.FxUrl, "/v1/forex/recent?codes=FRX.KRWUSD"), server.FxQuoteUrl);
        using var http = new HttpClient();
        var quote = await http.GetAsync(server.FxQuoteUrl);
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        using (var body = JsonDocument.Parse(await quote.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(1380.0m, body.RootElement[0].GetProperty("basePrice").GetDecimal());
        }

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri(server.FxUrl, "/_sim/fx?down=true"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(server.FxQuoteUrl)).StatusCode);
        server.Simulation.Fx.Down = false;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server.FxQuoteUrl)).StatusCode);
    }
}
