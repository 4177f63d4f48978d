using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sofia.SignalHub.Workers;

/// <summary>Ready while ticks are consumed and no warm-up history is loading (the bus has its own check).</summary>
internal sealed class SignalHubHealthCheck(HubState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.NotReadyReason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy("consuming"));
}
