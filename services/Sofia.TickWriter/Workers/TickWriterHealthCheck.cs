using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sofia.TickWriter.Workers;

/// <summary>Ready while the writer consumes, NATS is connected and ClickHouse takes inserts.</summary>
internal sealed class TickWriterHealthCheck(WriterState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.NotReadyReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy("consuming"));
}
