namespace Sofia.Contracts;

/// <summary>Durable consumer names, one per consuming role.</summary>
public static class Durables
{
    /// <summary>The tick writer's consumer on <see cref="Streams.Ticks"/>.</summary>
    public const string TickWriter = "tick-writer";

    /// <summary>The signal hub's consumer on <see cref="Streams.Ticks"/>.</summary>
    public const string SignalHubTicks = "signal-hub-ticks";

    /// <summary>The signal hub's consumer of scored news on <see cref="Streams.News"/>.</summary>
    public const string SignalHubNews = "signal-hub-news";

    /// <summary>The paper OMS's consumer on <see cref="Streams.Signals"/>.</summary>
    public const string PaperOmsSignals = "paper-oms-signals";

    /// <summary>The paper OMS's consumer on <see cref="Streams.Ticks"/>.</summary>
    public const string PaperOmsTicks = "paper-oms-ticks";

    /// <summary>The optimizer replicas' shared consumer on <see cref="Streams.OptimizerJobs"/>.</summary>
    public const string OptimizerWorkers = "optimizer-workers";
}
