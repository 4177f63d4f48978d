namespace Sofia.Ingestor.Domain;

/// <summary>How a connection ended.</summary>
/// <param name="Reason">Why, for logs and feed-health events.</param>
/// <param name="Stale">Whether the ingestor closed it because its markets fell silent.</param>
/// <param name="ReceivedTrades">Whether it delivered trades (a healthy connection is reconnected at once, a failing one with backoff).</param>
internal sealed record SessionEnd(string Reason, bool Stale, bool ReceivedTrades);
