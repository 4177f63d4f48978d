using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sofia.IntegrationTests.Nats;

/// <summary>Keeps the event ids logged, so a test can see that a recovery path ran.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<int> _events = new();

    public IReadOnlyCollection<int> EventIds => _events;

    public ILogger CreateLogger(string categoryName) => new Recorder(_events);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<int> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue(eventId.Id);
    }
}
