using System.Threading.Channels;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Api;

/// <summary>
/// The engine's output sink in the host: copies each output into every subscriber's channel. Writes never block the
/// engine (the channels are unbounded; subscribers are fast in-process consumers that do their own conflation).
/// </summary>
public sealed class EngineOutputFanout : IEngineOutputSink
{
    private readonly List<ChannelWriter<HostOutput>> subscribers = [];

    /// <summary>A new reader that receives every output from now on. Subscribe before the engine starts.</summary>
    public ChannelReader<HostOutput> Subscribe()
    {
        var channel = Channel.CreateUnbounded<HostOutput>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        subscribers.Add(channel.Writer);
        return channel.Reader;
    }

    public void OnOpportunity(OpportunityEvent opportunityEvent)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        Publish(new HostOutput(opportunityEvent.Time, Opportunity: opportunityEvent));
    }

    public void OnBookTops(IReadOnlyList<BookTop> changed, long time)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var copy = new BookTop[changed.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = changed[i];
        }

        Publish(new HostOutput(time, Tops: copy));
    }

    public void OnConnectionChanged(VenueId venue, ConnectionState state, long time) =>
        Publish(new HostOutput(time, Venue: venue, Connection: state));

    public void OnPremiums(IReadOnlyList<PremiumMatrix> changed, long time)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var copy = new PremiumMatrix[changed.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = changed[i];
        }

        Publish(new HostOutput(time, Premiums: copy));
    }

    public void OnFx(FxState fx)
    {
        ArgumentNullException.ThrowIfNull(fx);
        Publish(new HostOutput(fx.Time, Fx: fx));
    }

    public void OnVenueQuality(VenueQuality quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        Publish(new HostOutput(quality.Time, Quality: quality));
    }

    public void OnWalletChanged(WalletChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Publish(new HostOutput(change.Time, WalletChange: change));
    }

    /// <summary>Adds a subscriber with its own writer (e.g. a bounded queue with its own drop policy); its TryWrite must never block.</summary>
    public void Subscribe(ChannelWriter<HostOutput> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        subscribers.Add(writer);
    }

    /// <summary>Tells subscribers no more outputs will come.</summary>
    public void Complete()
    {
        foreach (var writer in subscribers)
        {
            writer.TryComplete();
        }
    }

    private void Publish(HostOutput output)
    {
        foreach (var writer in subscribers)
        {
            writer.TryWrite(output);
        }
    }
}
