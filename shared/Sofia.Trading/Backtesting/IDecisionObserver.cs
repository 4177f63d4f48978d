using Sofia.Trading.Execution;
using Sofia.Trading.Strategies;

namespace Sofia.Trading.Backtesting;

/// <summary>Sees every decision the backtester takes: the signal of each symbol at each close and every order it submits.</summary>
public interface IDecisionObserver
{
    /// <summary>The signal stated for <paramref name="symbol"/> at the close of bar <paramref name="barIndex"/>.</summary>
    void OnSignal(int barIndex, int symbol, in Signal signal);

    /// <summary>An order submitted while processing bar <paramref name="barIndex"/> (strategy orders at its close, target orders at its open).</summary>
    void OnOrder(int barIndex, in Order order);
}
