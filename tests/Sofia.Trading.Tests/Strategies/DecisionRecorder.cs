using Sofia.Trading.Backtesting;
using Sofia.Trading.Execution;
using Sofia.Trading.Strategies;

namespace Sofia.Trading.Tests.Strategies;

/// <summary>Records every signal and order of a backtest with the bar index it was decided on.</summary>
internal sealed class DecisionRecorder : IDecisionObserver
{
    public List<(int Bar, int Symbol, Signal Signal)> Signals { get; } = [];

    public List<(int Bar, Order Order)> Orders { get; } = [];

    public void OnSignal(int barIndex, int symbol, in Signal signal) => Signals.Add((barIndex, symbol, signal));

    public void OnOrder(int barIndex, in Order order) => Orders.Add((barIndex, order));
}
