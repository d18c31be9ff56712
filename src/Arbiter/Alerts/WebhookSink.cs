using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Arbiter.Core;
using Arbiter.Engine;
using Microsoft.Extensions.Logging;

namespace Arbiter.Alerts;

/// <summary>
/// POSTs each opportunity event whose net profit reaches a webhook's <see cref="WebhookOptions.MinNetProfitUsd"/> to it,
/// in its format. Each webhook has its own bounded queue (the oldest event dropped and counted when full) and its own
/// loop, so <see cref="Post"/> never blocks and a slow endpoint delays only itself. One attempt per event; failures are counted.
/// </summary>
public sealed class WebhookSink
{
    private readonly Target[] targets;
    private readonly HttpClient http;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly BookAgeTracker? ages;

    public WebhookSink(IReadOnlyList<WebhookOptions> webhooks, HttpClient http, TimeProvider clock, ILogger logger, BookAgeTracker? ages = null)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.ages = ages;
        targets = new Target[webhooks.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = new Target(webhooks[i], this);
        }
    }

    public IReadOnlyList<WebhookCounts> Counts => targets.Select(t => t.Counts).ToArray();

    /// <summary>Queues <paramref name="opportunityEvent"/> for every webhook whose minimum it reaches. Never blocks.</summary>
    public void Post(OpportunityEvent opportunityEvent)
    {
        ArgumentNullException.ThrowIfNull(opportunityEvent);
        foreach (var target in targets)
        {
            if (opportunityEvent.Opportunity.NetProfitUsd >= target.Options.MinNetProfitUsd)
            {
                target.Queue.Writer.TryWrite(opportunityEvent);
            }
        }
    }

    /// <summary>
    /// Puts new minimum net profits in force, one per webhook in configuration order (an operator's runtime change); the other
    /// options of a webhook (URL, format, queue, timeout) need a restart.
    /// </summary>
    public void SetMinimums(IReadOnlyList<decimal> minimums)
    {
        ArgumentNullException.ThrowIfNull(minimums);
        if (minimums.Count != targets.Length)
        {
            throw new ArgumentException($"{minimums.Count} minimums for {targets.Length} webhooks.", nameof(minimums));
        }

        for (var i = 0; i < targets.Length; i++)
        {
            var options = targets[i].Options;
            targets[i].Options = new WebhookOptions
            {
                Url = options.Url,
                Format = options.Format,
                MinNetProfitUsd = minimums[i],
                QueueCapacity = options.QueueCapacity,
                Timeout = options.Timeout,
            };
        }
    }

    /// <summary>Posts queued events until cancelled, or until <see cref="Complete"/> was called and the queues are empty.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(targets.Select(t => t.RunAsync(cancellationToken)));

    /// <summary>No more events: <see cref="RunAsync"/> returns once the queues are drained.</summary>
    public void Complete()
    {
        foreach (var target in targets)
        {
            target.Queue.Writer.TryComplete();
        }
    }

    private sealed class Target
    {
        private readonly WebhookSink sink;
        private readonly Uri? url;
        private WebhookOptions options;
        private long posted;
        private long failed;
        private long dropped;

        public Target(WebhookOptions options, WebhookSink sink)
        {
            this.options = options;
            this.sink = sink;
            url = Uri.TryCreate(options.Url, UriKind.Absolute, out var u) ? u : null;
            Label = url?.GetLeftPart(UriPartial.Authority) ?? "(invalid url)";
            Queue = Channel.CreateBounded<OpportunityEvent>(
                new BoundedChannelOptions(Math.Max(1, options.QueueCapacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ =>
                {
                    var count = Interlocked.Increment(ref dropped);
                    AlertsLog.WebhookDropped(sink.logger, Label, count);
                });
        }

        /// <summary>Replaced whole (never modified) when the minimum changes at runtime.</summary>
        public WebhookOptions Options
        {
            get => Volatile.Read(ref options);
            set => Volatile.Write(ref options, value);
        }

        public string Label { get; }

        public Channel<OpportunityEvent> Queue { get; }

        public WebhookCounts Counts => new(Label, Interlocked.Read(ref posted), Interlocked.Read(ref failed), Interlocked.Read(ref dropped));

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var e in Queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await PostAsync(e, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped.
            }
        }

        private async Task PostAsync(OpportunityEvent e, CancellationToken cancellationToken)
        {
            if (url is null)
            {
                Interlocked.Increment(ref failed);
                return;
            }

            var text = "";
            if (Options.Format != WebhookFormat.Json)
            {
                var now = UnixMicros.Now(sink.clock);
                text = AlertFormatter.Format(e, sink.ages?.AgeOf(e.Opportunity.Buy, now), sink.ages?.AgeOf(e.Opportunity.Sell, now), html: false);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Options.Timeout);
            string? error;
            try
            {
                using var content = new ByteArrayContent(WebhookPayload.Create(Options.Format, e, text));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await sink.http.PostAsync(url, content, deadline.Token).ConfigureAwait(false);
                error = response.IsSuccessStatusCode ? null : string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"timeout after {Options.Timeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException ex)
            {
                // The message may quote the URL, whose path can be a secret: keep only the kind of failure.
                error = ex.HttpRequestError.ToString();
            }

            if (error is null)
            {
                Interlocked.Increment(ref posted);
            }
            else
            {
                Interlocked.Increment(ref failed);
                AlertsLog.WebhookFailed(sink.logger, Label, error);
            }
        }
    }
}
