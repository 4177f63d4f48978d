using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sofia.PaperOms.Workers;

/// <summary>Ready once the state is rebuilt and both consumers run.</summary>
internal sealed class PaperOmsHealthCheck(PaperOmsState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.NotReadyReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy("trading on paper"));
}
