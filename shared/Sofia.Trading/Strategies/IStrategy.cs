namespace Sofia.Trading.Strategies;

/// <summary>
/// A trading strategy over one or more aligned symbols. At the close of every bar the runner (backtester, signal
/// hub, paper OMS) calls <see cref="OnBar"/> with that bar of each symbol; the strategy decides using only data up to
/// that bar and writes its decisions to the <see cref="StrategyContext"/>: a <see cref="Signal"/> per symbol and,
/// for <see cref="ExecutionStyle.Orders"/> strategies, orders and cancels. Strategies hold no static state, so two
/// instances never influence each other.
/// </summary>
public interface IStrategy
{
    /// <summary>The registry name, e.g. <c>trend</c>.</summary>
    string Name { get; }

    /// <summary>Number of symbols fed to <see cref="OnBar"/> per step (2 for pairs).</summary>
    int SymbolCount { get; }

    /// <summary>Whether the runner trades the signals or the strategy's own orders.</summary>
    ExecutionStyle Style { get; }

    /// <summary>Bars needed before the first non-warm-up decision can appear.</summary>
    int WarmUpBars { get; }

    /// <summary>Decides at the close of the current bar; <paramref name="bars"/>[i] is symbol i's bar.</summary>
    void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context);

    /// <summary>Returns the strategy to its freshly constructed state.</summary>
    void Reset();
}
