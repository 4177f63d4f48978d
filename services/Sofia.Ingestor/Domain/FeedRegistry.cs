namespace Sofia.Ingestor.Domain;

/// <summary>Every connection's <see cref="FeedStatus"/>, registered as the supervisors start.</summary>
internal sealed class FeedRegistry
{
    private readonly Lock _gate = new();
    private FeedStatus[] _feeds = [];

    public IReadOnlyList<FeedStatus> Feeds => Volatile.Read(ref _feeds);

    public void Add(FeedStatus status)
    {
        lock (_gate)
        {
            _feeds = [.. _feeds, status];
        }
    }

    /// <summary>The share of an exchange's connections that are not healthy (down, reconnecting or stale), 0..1.</summary>
    public double UnhealthyRatio(string exchange)
    {
        var total = 0;
        var unhealthy = 0;
        foreach (var feed in Feeds)
        {
            if (feed.Exchange == exchange)
            {
                total++;
                unhealthy += feed.IsHealthy ? 0 : 1;
            }
        }

        return total == 0 ? 0 : (double)unhealthy / total;
    }
}
