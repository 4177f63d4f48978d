namespace Sofia.Ingestor.Workers;

/// <summary>Resolves the instruments at start, so /metrics shows them before the first trade.</summary>
internal sealed class MetricsActivation(IngestorMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(metrics);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
