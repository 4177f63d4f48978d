using Sofia.Trading.Strategies;

namespace Sofia.Trading.Tests.Strategies;

/// <summary>Feeds hand-made closes to a strategy, bar by bar, and collects the signal of symbol 0 after each bar.</summary>
internal static class StrategyDriver
{
    public static Bar[] FromCloses(params double[] closes)
    {
        var bars = new Bar[closes.Length];
        for (var i = 0; i < closes.Length; i++)
        {
            var open = i == 0 ? closes[0] : closes[i - 1];
            bars[i] = new Bar(i * 60_000_000L, open, Math.Max(open, closes[i]), Math.Min(open, closes[i]), closes[i], 1);
        }

        return bars;
    }

    public static List<Signal> Run(IStrategy strategy, Bar[] bars, StrategyContext? context = null)
    {
        context ??= new StrategyContext(1);
        var signals = new List<Signal>();
        for (var i = 0; i < bars.Length; i++)
        {
            context.BeginBar(i, 10_000);
            strategy.OnBar(bars.AsSpan(i, 1), context);
            signals.Add(context.SignalOf(0));
        }

        return signals;
    }

    public static SignalDirection[] Directions(List<Signal> signals) => [.. signals.Select(s => s.Direction)];
}
