using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Sofia.Cli.Demo;

/// <summary>
/// Writes the services' warnings and errors to one file, so the live view stays readable and a failure is still on
/// record. Lines are written under a lock: several hosts log at once.
/// </summary>
internal sealed class DemoLogProvider(string path, TimeProvider time) : ILoggerProvider
{
    private readonly StreamWriter _writer = new(path, append: false) { AutoFlush = true };
    private readonly Lock _gate = new();
    private int _warnings;

    public string Path { get; } = path;

    /// <summary>Warnings and errors written so far.</summary>
    public int Warnings => Volatile.Read(ref _warnings);

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(string service, string category, LogLevel level, string message, Exception? exception)
    {
        Interlocked.Increment(ref _warnings);
        var stamp = time.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _writer.WriteLine($"{stamp} {level} [{service}] {category}: {message}");
            if (exception is not null)
            {
                _writer.WriteLine(exception.ToString());
            }
        }
    }

    /// <summary>A provider view that tags each line with the service it came from.</summary>
    public ILoggerProvider For(string service) => new Tagged(this, service);

    private sealed class Tagged(DemoLogProvider file, string service) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new FileLogger(file, categoryName, service);

        public void Dispose()
        {
        }
    }

    private sealed class FileLogger(DemoLogProvider file, string category, string service = "demo") : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                file.Write(service, category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
