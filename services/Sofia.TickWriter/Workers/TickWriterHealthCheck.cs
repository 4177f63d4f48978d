using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sofia.TickWriter.Workers;

/// <summary>Ready while the writer consumes, the bus is connected and the store takes inserts.</summary>
internal sealed class TickWriterHealthCheck(WriterState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.NotReadyReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy("consuming"));
}
