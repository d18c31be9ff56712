using System.Collections.Concurrent;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>A <see cref="LoopbackServer"/> over plain HTTP that records each request and answers from a test-given function.</summary>
internal sealed class WalletServer : IAsyncDisposable
{
    private readonly LoopbackServer server;

    private WalletServer(LoopbackServer server, ConcurrentQueue<WalletRequest> requests)
    {
        this.server = server;
        Requests = requests;
    }

    public Uri BaseUrl => server.HttpBase;

    public ConcurrentQueue<WalletRequest> Requests { get; }

    /// <summary>Starts a server whose answer to each request is <paramref name="answer"/>(request).</summary>
    public static async Task<WalletServer> StartAsync(Func<WalletRequest, WalletAnswer> answer)
    {
        var requests = new ConcurrentQueue<WalletRequest>();
        var server = await LoopbackServer.StartHttpAsync(async context =>
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in context.Request.Headers)
            {
                headers[header.Key] = header.Value.ToString();
            }

            var request = new WalletRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers);
            requests.Enqueue(request);
            var reply = answer(request);
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up, as the test intended
                }
            }

            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(reply.Body);
        });
        return new WalletServer(server, requests);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
