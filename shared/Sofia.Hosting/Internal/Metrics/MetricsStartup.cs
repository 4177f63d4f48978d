using Microsoft.Extensions.Hosting;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>Starts listening before the service's own workers start, and creates the process gauges.</summary>
internal sealed class MetricsStartup(MetricsCollector collector, ProcessMetrics processMetrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(processMetrics);
        collector.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
