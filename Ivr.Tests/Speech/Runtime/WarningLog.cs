using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ivr.Tests.Speech.Runtime;

/// <summary>Keeps the warnings and errors written to it, formatted as the console would show them.</summary>
sealed class WarningLog : ILogger
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Warnings.Enqueue(formatter(state, exception));
    }
}
