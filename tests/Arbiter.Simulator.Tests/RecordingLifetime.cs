using Microsoft.AspNetCore.Http.Features;

namespace Arbiter.Simulator.Tests;

/// <summary>Records that the connection was aborted, as Kestrel's lifetime feature would act on it.</summary>
internal sealed class RecordingLifetime : IHttpRequestLifetimeFeature, IDisposable
{
    private readonly CancellationTokenSource aborted = new();

    public CancellationToken RequestAborted
    {
        get => aborted.Token;
        set => throw new NotSupportedException();
    }

    public bool WasAborted => aborted.IsCancellationRequested;

    public void Abort() => aborted.Cancel();

    public void Dispose() => aborted.Dispose();
}
