namespace Sofia.Contracts;

/// <summary>Every JetStream stream Sofia declares.</summary>
public static class Streams
{
    private static readonly TimeSpan TwoMinutes = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Normalized trades; a week is enough for the tick writer to catch up after any outage. The server remembers each
    /// message id for 10 s only: enough for the ingestor's re-sends after a lost ack, and every reader of ticks drops a
    /// trade id it already has anyway. nats-server keeps the ids of the window in one Go map: at 10,000 ticks/s a
    /// two-minute window grows it to 1.2 million entries, and each doubling (at 426k and 852k) stopped delivery for
    /// 70 and 103 ms.
    /// </summary>
    public static readonly StreamDefinition Ticks = new(
        "TICKS", ["ticks.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(7), TimeSpan.FromSeconds(10));

    /// <summary>Feed-health events.</summary>
    public static readonly StreamDefinition Feed = new(
        "FEED", ["feed.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(7), TwoMinutes);

    /// <summary>Whale alerts.</summary>
    public static readonly StreamDefinition Alerts = new(
        "ALERTS", ["alerts.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(30), TwoMinutes);

    /// <summary>Strategy and fused signals.</summary>
    public static readonly StreamDefinition Signals = new(
        "SIGNALS", ["signals.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(30), TwoMinutes);

    /// <summary>Order intents and order events: with fills, the paper OMS's state is rebuilt from them.</summary>
    public static readonly StreamDefinition Orders = new(
        "ORDERS", ["orders.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.Zero, TwoMinutes);

    /// <summary>Fills.</summary>
    public static readonly StreamDefinition Fills = new(
        "FILLS", ["fills.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.Zero, TwoMinutes);

    /// <summary>Position and account snapshots.</summary>
    public static readonly StreamDefinition Positions = new(
        "POSITIONS", ["positions.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(30), TwoMinutes);

    /// <summary>Raw and scored news.</summary>
    public static readonly StreamDefinition News = new(
        "NEWS", ["news.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(30), TimeSpan.FromHours(1));

    /// <summary>Optimizer trials, shared by replicas as a work queue.</summary>
    public static readonly StreamDefinition OptimizerJobs = new(
        "OPTIMIZER_JOBS", ["optimizer.jobs.>"], StreamStorage.File, StreamRetention.WorkQueue, TimeSpan.FromDays(2), TwoMinutes);

    /// <summary>Optimizer trial results.</summary>
    public static readonly StreamDefinition OptimizerResults = new(
        "OPTIMIZER_RESULTS", ["optimizer.results.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(90), TwoMinutes);

    /// <summary>Daily report summaries.</summary>
    public static readonly StreamDefinition Reports = new(
        "REPORTS", ["reports.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.Zero, TwoMinutes);

    /// <summary>Messages that consumers gave up on, kept for inspection and replay.</summary>
    public static readonly StreamDefinition DeadLetters = new(
        "DEADLETTER", ["deadletter.>"], StreamStorage.File, StreamRetention.Limits, TimeSpan.FromDays(30), TwoMinutes);

    /// <summary>All of them, for tools that list or create every stream.</summary>
    public static IReadOnlyList<StreamDefinition> All { get; } =
        [Ticks, Feed, Alerts, Signals, Orders, Fills, Positions, News, OptimizerJobs, OptimizerResults, Reports, DeadLetters];
}
