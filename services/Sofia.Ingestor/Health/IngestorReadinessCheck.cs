using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Workers;

namespace Sofia.Ingestor.Health;

/// <summary>
/// Ready when the message bus is connected and the publish buffer is below its bound (intake is not paused). Feed states
/// are reported in the data but do not fail readiness: an exchange outage is not fixed by restarting the pod.
/// </summary>
internal sealed class IngestorReadinessCheck(BusConnection bus, PublishBuffer buffer, FeedRegistry feeds) : IHealthCheck
{
    public const string Name = "ingestor";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["bus"] = bus.StateName,
            ["bufferDepth"] = buffer.Depth,
            ["bufferCapacity"] = buffer.Capacity,
        };
        foreach (var feed in feeds.Feeds)
        {
            data[$"feed.{feed.Exchange}.{feed.Connection}"] = FeedStatus.StateName(feed.State);
        }

        var healthyFeeds = feeds.Feeds.Count(f => f.IsHealthy);
        var feedText = $"{healthyFeeds} of {feeds.Feeds.Count} feeds healthy";
        HealthCheckResult result = !bus.IsConnected
            ? HealthCheckResult.Unhealthy($"message bus {bus.StateName}; {feedText}", data: data)
            : buffer.IsFull
                ? HealthCheckResult.Unhealthy($"publish buffer full ({buffer.Depth} of {buffer.Capacity}): intake paused; {feedText}", data: data)
                : HealthCheckResult.Healthy($"bus connected, buffer {buffer.Depth} of {buffer.Capacity}; {feedText}", data);
        return Task.FromResult(result);
    }
}
