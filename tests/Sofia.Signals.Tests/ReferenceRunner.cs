using Sofia.Trading;
using Sofia.Trading.Strategies;

namespace Sofia.Signals.Tests;

/// <summary>
/// Runs one trading-core strategy bar by bar on its own, the way the backtester does, and keeps the decisions the
/// signal engine must publish: from the bar on which it has seen WarmUpBars bars, and never a warm-up reason.
/// </summary>
internal static class ReferenceRunner
{
    public static List<(long OpenTimeUs, SignalDirection Direction, double Strength, string Reason)> Run(IStrategy strategy, IReadOnlyList<Bar> bars, int firstReported = 0)
    {
        var context = new StrategyContext(1, allowShort: true, ordersEnabled: false);
        var decisions = new List<(long, SignalDirection, double, string)>();
        for (var i = 0; i < bars.Count; i++)
        {
            context.BeginBar(i, 0);
            var bar = bars[i];
            strategy.OnBar(new ReadOnlySpan<Bar>(in bar), context);
            var signal = context.SignalOf(0);
            if (i + 1 >= strategy.WarmUpBars && signal.Reason != SignalReasons.WarmUp && i >= firstReported)
            {
                decisions.Add((bar.OpenTimeUs, signal.Direction, signal.Strength, signal.Reason));
            }
        }

        return decisions;
    }
}
