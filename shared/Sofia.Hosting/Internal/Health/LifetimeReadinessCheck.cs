using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Sofia.Hosting.Internal.Health;

/// <summary>Not ready once shutdown starts, so load balancers stop sending work while it drains.</summary>
internal sealed class LifetimeReadinessCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "lifetime";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var result = lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy("running");
        return Task.FromResult(result);
    }
}
