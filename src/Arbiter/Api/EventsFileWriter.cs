using System.Text;
using System.Threading.Channels;
using Arbiter.Engine;

namespace Arbiter.Api;

/// <summary>Writes opportunity events as JSON Lines in the shape of <see cref="ApiJson.Opportunity"/>; the same writer serves live runs and replay.</summary>
public sealed class EventsFileWriter : IDisposable
{
    private readonly StreamWriter writer;

    public EventsFileWriter(string path) =>
        writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };

    public long Written { get; private set; }

    public void Write(OpportunityEvent opportunityEvent)
    {
        writer.WriteLine(ApiJson.Opportunity(opportunityEvent));
        Written++;
    }

    /// <summary>Drains the reader until the fan-out completes.</summary>
    public async Task RunAsync(ChannelReader<HostOutput> reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            await foreach (var output in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (output.Opportunity is { } e)
                {
                    Write(e);
                }

                if (!reader.TryPeek(out _))
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: whatever arrived is flushed by Dispose.
        }
    }

    public void Dispose()
    {
        writer.Flush();
        writer.Dispose();
    }
}
