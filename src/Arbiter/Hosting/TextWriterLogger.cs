using Microsoft.Extensions.Logging;

namespace Arbiter.Hosting;

/// <summary>
/// A minimal logger for the alert path: one line per message at or above <see cref="MinimumLevel"/> on a text writer
/// (standard error by default). The alert path's messages never carry the bot token or a webhook URL's path.
/// </summary>
public sealed class TextWriterLogger : ILogger
{
    private readonly TextWriter writer;

    public TextWriterLogger(TextWriter? writer = null, LogLevel minimumLevel = LogLevel.Warning)
    {
        this.writer = writer ?? Console.Error;
        MinimumLevel = minimumLevel;
    }

    public LogLevel MinimumLevel { get; }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= MinimumLevel && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss} {logLevel}: {formatter(state, exception)}";
        lock (writer)
        {
            writer.WriteLine(line);
        }
    }
}
