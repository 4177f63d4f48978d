namespace Sofia.Ingestor.Domain;

/// <summary>One connection's state as /api/feeds shows it.</summary>
internal sealed record FeedSnapshot(
    string Exchange,
    int Connection,
    IReadOnlyList<string> Symbols,
    string Endpoint,
    string State,
    string? Detail,
    DateTimeOffset? Since,
    DateTimeOffset? LastFrameAt,
    DateTimeOffset? LastTradeAt,
    long Trades,
    long Reconnects,
    long Gaps,
    long BackfilledTrades,
    long FrameProblems);
