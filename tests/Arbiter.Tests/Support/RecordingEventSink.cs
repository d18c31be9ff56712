using Arbiter.Core;

namespace Arbiter.Tests.Support;

/// <summary>An engine input that keeps a copy of what each published event carried (kind, time, venue, FX quote, wallet snapshot).</summary>
internal sealed class RecordingEventSink : IMarketEventSink
{
    private readonly MarketEventPool pool = new();
    private readonly List<Recorded> events = [];

    public IReadOnlyList<Recorded> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    public MarketEvent Rent() => pool.Rent();

    public bool TryPublish(MarketEvent marketEvent)
    {
        lock (events)
        {
            events.Add(new Recorded(marketEvent.Kind, marketEvent.ReceiveTime, marketEvent.Venue, marketEvent.Fx, marketEvent.Wallets));
        }

        pool.Return(marketEvent);
        return true;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (the refreshers run on their own tasks); fails the test after 10 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    internal sealed record Recorded(MarketEventKind Kind, long Time, VenueId Venue, FxQuote? Fx, WalletSnapshot? Wallets);
}
