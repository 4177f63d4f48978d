using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Workers;

namespace Sofia.Ingestor.Endpoints;

/// <summary><c>GET /api/feeds</c>: every exchange connection's state, the publish buffer and the bus connection, as JSON.</summary>
public static class FeedsEndpoint
{
    /// <summary>The route.</summary>
    public const string Path = "/api/feeds";

    /// <summary>Maps the ingestor's HTTP endpoints (<see cref="Path"/>).</summary>
    public static IEndpointRouteBuilder MapIngestorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (FeedRegistry feeds, PublishBuffer buffer, BusConnection bus) => Results.Json(new FeedsResponse(
            [.. feeds.Feeds.Select(f => f.Snapshot())],
            new BufferState(buffer.Depth, buffer.Capacity, buffer.IsFull, buffer.EventDepth, buffer.DroppedEvents),
            bus.StateName)));
        return endpoints;
    }

    internal sealed record FeedsResponse(IReadOnlyList<FeedSnapshot> Feeds, BufferState Buffer, string Bus);

    internal sealed record BufferState(int Depth, int Capacity, bool Full, int EventDepth, long DroppedEvents);
}
