namespace Sofia.Contracts;

/// <summary>
/// Every NATS subject Sofia uses. Exchange names are lower-case, symbols canonical upper-case
/// <c>BASE-QUOTE</c>, so <c>ticks.*.BTC-USDT</c> selects one market across exchanges.
/// </summary>
public static class Subjects
{
    /// <summary>All ticks of all exchanges.</summary>
    public const string AllTicks = "ticks.>";

    /// <summary>Feed-health events of all exchanges.</summary>
    public const string AllFeeds = "feed.>";

    /// <summary>The combined account snapshot of the paper OMS.</summary>
    public const string Account = "positions.account";

    /// <summary>The morning report summary.</summary>
    public const string DailyReport = "reports.daily";

    /// <summary>One trade: <c>ticks.{exchange}.{symbol}</c>.</summary>
    public static string Ticks(string exchange, string symbol) => $"ticks.{exchange}.{symbol}";

    /// <summary>One market across exchanges: <c>ticks.*.{symbol}</c>.</summary>
    public static string TicksForSymbol(string symbol) => $"ticks.*.{symbol}";

    /// <summary>Feed health of one exchange: <c>feed.{exchange}</c>.</summary>
    public static string Feed(string exchange) => $"feed.{exchange}";

    /// <summary>Whale alerts: <c>alerts.whale.{exchange}.{symbol}</c>.</summary>
    public static string WhaleAlert(string exchange, string symbol) => $"alerts.whale.{exchange}.{symbol}";

    /// <summary>One strategy's signals: <c>signals.{strategy}.{symbol}</c>.</summary>
    public static string Signal(string strategy, string symbol) => $"signals.{strategy}.{symbol}";

    /// <summary>The fused vote: <c>signals.fused.{symbol}</c>.</summary>
    public static string FusedSignal(string symbol) => Signal(FusedStrategyName, symbol);

    /// <summary>The strategy name the fused signal is published under.</summary>
    public const string FusedStrategyName = "fused";

    /// <summary>Order intents: <c>orders.intent.{strategy}.{symbol}</c>.</summary>
    public static string OrderIntent(string strategy, string symbol) => $"orders.intent.{strategy}.{symbol}";

    /// <summary>Order events: <c>orders.event.{strategy}.{symbol}</c>.</summary>
    public static string OrderEvent(string strategy, string symbol) => $"orders.event.{strategy}.{symbol}";

    /// <summary>Fills: <c>fills.{strategy}.{symbol}</c>.</summary>
    public static string Fill(string strategy, string symbol) => $"fills.{strategy}.{symbol}";

    /// <summary>Position snapshots: <c>positions.{strategy}.{symbol}</c>.</summary>
    public static string Position(string strategy, string symbol) => $"positions.{strategy}.{symbol}";

    /// <summary>Raw news items: <c>news.raw.{source}</c>.</summary>
    public static string NewsRaw(string source) => $"news.raw.{source}";

    /// <summary>Scored news: <c>news.scored.{symbol}</c>.</summary>
    public static string NewsScored(string symbol) => $"news.scored.{symbol}";

    /// <summary>Trials of a study, a work queue: <c>optimizer.jobs.{studyId}</c>.</summary>
    public static string OptimizerJobs(string studyId) => $"optimizer.jobs.{studyId}";

    /// <summary>Results of a study: <c>optimizer.results.{studyId}</c>.</summary>
    public static string OptimizerResults(string studyId) => $"optimizer.results.{studyId}";

    /// <summary>Where a consumer sends a message it gave up on: <c>deadletter.{stream}.{durable}</c>.</summary>
    public static string DeadLetter(string stream, string durable) => $"deadletter.{stream}.{durable}";
}
