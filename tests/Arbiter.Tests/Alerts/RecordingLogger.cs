using Microsoft.Extensions.Logging;

namespace Arbiter.Tests.Alerts;

/// <summary>An <see cref="ILogger"/> that keeps every formatted line (with its event id and any exception's text) for assertions.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
        lock (lines)
        {
            lines.Add(line);
        }
    }
}
