using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Seats;

/// <summary>Keeps every log line of the rigs in memory, so a failing end-to-end test can show what the service did.</summary>
public sealed class LogLines : ILoggerFactory, ILogger
{
    readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public override string ToString() => string.Join(Environment.NewLine, _lines.TakeLast(400));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {eventId.Id} {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");

    public void Dispose() { }
}
