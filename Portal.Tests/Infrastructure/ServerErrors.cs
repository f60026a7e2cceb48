using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The errors the portal under test logged (e.g. the exception behind a 500), so that a test that gets an unexpected
/// status can say what happened on the server; the test host's console output is not shown by the test runner.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    /// <summary>The errors logged so far, most recent last (the exception with its stack trace).</summary>
    public string Describe() => _errors.IsEmpty ? "(the portal logged no error)" : string.Join("\n---\n", _errors.TakeLast(3));

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(ServerErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._errors.Enqueue($"{category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
