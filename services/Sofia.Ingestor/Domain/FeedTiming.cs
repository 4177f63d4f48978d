namespace Sofia.Ingestor.Domain;

/// <summary>How quickly a connection is judged stale and how reconnects back off.</summary>
internal sealed record FeedTiming(TimeSpan StaleAfter, TimeSpan ReconnectDelay, TimeSpan ReconnectDelayMax);
