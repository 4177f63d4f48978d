using Microsoft.Extensions.Options;
using Sofia.Ingestor.Options;

namespace Sofia.Ingestor.Workers;

/// <summary>Will own the exchange connections; for now it reports the markets it is configured for.</summary>
internal sealed class IngestorWorker(
    IOptions<IngestorOptions> options,
    IngestorMetrics metrics,
    ILogger<IngestorWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolving the metrics here creates the instruments, so /metrics shows them from the start.
        GC.KeepAlive(metrics);
        var exchanges = string.Join(",", options.Value.Exchanges);
        var symbols = string.Join(",", options.Value.Symbols);
        IngestorLog.Configured(logger, exchanges, symbols);
        return Task.CompletedTask;
    }
}
