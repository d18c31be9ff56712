using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Simulator;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>The first acceptance point: `arbiter demo`, a WebSocket client on /ws, an injected dislocation, checked against truth.</summary>
public sealed class DemoEndToEndTests
{
    [Fact]
    public async Task Demo_InjectedDislocation_ReachesWebSocketClientWithin10sAndMatchesTruth()
    {
        await using var demo = new DemoRun();
        await demo.StartAsync(seed: 3);
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://{demo.ApiAddress.Authority}/ws"), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var snapshot = await ReceiveAsync(ws, timeout.Token);
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Array, snapshot.GetProperty("venues").ValueKind);

        JsonElement opened;
        while (true)
        {
            var message = await ReceiveAsync(ws, timeout.Token);
            if (message.GetProperty("type").GetString() == "opportunity.opened")
            {
                opened = message.GetProperty("opportunity");
                break;
            }
        }

        // The simulator's automatic schedule dislocates the last simulated venue first: its prices move by the event's signed bps, against any other venue.
        var buy = opened.GetProperty("buy");
        var sell = opened.GetProperty("sell");
        var legs = new[] { buy.GetProperty("venue").GetString(), sell.GetProperty("venue").GetString() };
        Assert.Equal("BTC", opened.GetProperty("asset").GetString());
        Assert.NotEqual(legs[0], legs[1]);
        Assert.Contains(demo.Simulator.Simulation.Venues[^1].Venue.Name(), legs);
        Assert.All(legs, leg => Assert.Contains(leg, demo.Simulator.Simulation.Venues.Select(v => v.Venue.Name())));

        // Independent check: the walk over the simulator's true books at the sequences the opportunity cites.
        var expected = TruthCheck.Expected(opened, demo.Simulator.Simulation, demo.Settings.Simulator.UsdKrw);
        Assert.True(expected.Size > 0);
        Assert.Equal(expected.Size, TruthCheck.Dec(opened, "size"));
        Assert.Equal(expected.NetUsd, TruthCheck.Dec(opened, "netProfitUsd"));
        Assert.Equal(expected.GrossUsd, TruthCheck.Dec(opened, "grossProfitUsd"));
        Assert.Equal(expected.NetBps, TruthCheck.Dec(opened, "netPremiumBps"));
        Assert.Equal(expected.BuyLevels, buy.GetProperty("levels").GetInt32());
        Assert.Equal(expected.SellLevels, sell.GetProperty("levels").GetInt32());
        Assert.Equal(expected.AverageBuy, TruthCheck.Dec(buy, "averagePrice"));
        Assert.Equal(expected.AverageSell, TruthCheck.Dec(sell, "averagePrice"));

        // The depth-walk breakdown: each leg's fills, one per consumed level, add up to the size and to the average price.
        foreach (var (leg, levels, average) in new[] { (buy, expected.BuyLevels, expected.AverageBuy), (sell, expected.SellLevels, expected.AverageSell) })
        {
            var fills = leg.GetProperty("fills").EnumerateArray().Select(f => (Price: TruthCheck.Dec(f, "price"), Quantity: TruthCheck.Dec(f, "quantity"))).ToArray();
            Assert.Equal(levels, fills.Length);
            Assert.Equal(expected.Size, fills.Sum(f => f.Quantity));
            Assert.Equal(average, Math.Round(fills.Sum(f => f.Price * f.Quantity) / expected.Size, 12, MidpointRounding.ToEven));
        }

        // And the REST view agrees with the stream.
        using var http = new HttpClient { BaseAddress = demo.ApiAddress };
        using var venues = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/venues", UriKind.Relative)));
        var simulated = demo.Simulator.Simulation.Venues;
        Assert.Equal(simulated.Count, venues.RootElement.GetProperty("venues").GetArrayLength());

        // The common markets: every simulated asset trades on every simulated venue that lists it (USDT only on the USD and KRW
        // venues), in the venue's own spelling and quote (Upbit also lists USDT-BTC).
        using var markets = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/markets", UriKind.Relative)));
        var assets = markets.RootElement.GetProperty("assets").EnumerateArray().ToArray();
        Assert.Equal(["BTC", "ETH", "USDT", "XRP"], assets.Select(a => a.GetProperty("asset").GetString()));
        foreach (var asset in assets)
        {
            var code = asset.GetProperty("asset").GetString()!;
            var listings = asset.GetProperty("listings").EnumerateArray()
                .Select(l => (l.GetProperty("venue").GetString()!, l.GetProperty("symbol").GetString()!, l.GetProperty("quote").GetString()!))
                .ToArray();
            var listing = simulated.Where(v => demo.Simulator.Simulation.Model.IsListed(v.Venue, code)).ToArray();
            Assert.Equal(listing.Select(v => v.Venue.Name()), listings.Select(l => l.Item1).Distinct());
            foreach (var venue in listing)
            {
                Assert.Contains((venue.Venue.Name(), SimListings.Symbol(venue.Venue, code), SimListings.Quote(venue.Venue)), listings);
            }
        }
    }

    internal static Task<JsonElement> ReceiveAsync(ClientWebSocket ws, CancellationToken cancellationToken) => WebSocketMessages.ReceiveAsync(ws, cancellationToken);
}
