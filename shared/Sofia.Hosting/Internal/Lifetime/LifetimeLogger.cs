using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sofia.Hosting.Internal.Lifetime;

/// <summary>Logs start, the shutdown request and how long draining took.</summary>
internal sealed class LifetimeLogger(
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    IOptions<HostOptions> hostOptions,
    TimeProvider timeProvider,
    ILogger<LifetimeLogger> logger) : IHostedService, IDisposable
{
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private long _stoppingTimestamp;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var timeoutSeconds = hostOptions.Value.ShutdownTimeout.TotalSeconds;
        _registrations.Add(lifetime.ApplicationStarted.Register(
            () => HostingLog.Started(logger, environment.ApplicationName, environment.EnvironmentName, timeoutSeconds)));
        _registrations.Add(lifetime.ApplicationStopping.Register(() =>
        {
            _stoppingTimestamp = timeProvider.GetTimestamp();
            HostingLog.ShutdownRequested(logger, timeoutSeconds);
        }));
        _registrations.Add(lifetime.ApplicationStopped.Register(() =>
        {
            var elapsed = timeProvider.GetElapsedTime(_stoppingTimestamp);
            HostingLog.ShutdownCompleted(logger, (long)elapsed.TotalMilliseconds);
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
