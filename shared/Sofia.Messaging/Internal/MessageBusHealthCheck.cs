using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sofia.Messaging.Internal;

/// <summary>Ready while the bus can take publishes and acks.</summary>
internal sealed class MessageBusHealthCheck(IMessageBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bus.IsConnected
            ? HealthCheckResult.Healthy("The message bus is connected.")
            : HealthCheckResult.Unhealthy("The message bus is not connected."));
}
