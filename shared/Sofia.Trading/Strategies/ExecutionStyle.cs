namespace Sofia.Trading.Strategies;

/// <summary>How the backtester (or the paper OMS) turns a strategy's decisions into orders.</summary>
public enum ExecutionStyle
{
    /// <summary>
    /// The strategy states target positions through <see cref="Signal"/>s; the runner trades at the next bar's open
    /// whenever a target changes. Orders the strategy places are ignored.
    /// </summary>
    TargetPosition = 0,

    /// <summary>
    /// The strategy places and cancels its own orders (limit, stop, market) through <see cref="StrategyContext"/>;
    /// its signals are informational (signal hub, fusion) and never traded by the runner.
    /// </summary>
    Orders = 1,
}
