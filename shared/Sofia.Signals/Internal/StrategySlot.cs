using Sofia.Trading;
using Sofia.Trading.Indicators;
using Sofia.Trading.Strategies;

namespace Sofia.Signals.Internal;

/// <summary>One running strategy of a market: the instance, its context and how many bars it has decided on.</summary>
internal sealed class StrategySlot(string name, IStrategy strategy, StrategyContext context)
{
    public string Name { get; } = name;

    public IStrategy Strategy { get; private set; } = strategy;

    public StrategyContext Context { get; } = context;

    public int BarsSeen { get; private set; }

    /// <summary>Warm: it has seen its warm-up bars, so its indicators are ready.</summary>
    public bool IsWarm => BarsSeen >= Strategy.WarmUpBars;

    public void Decide(in Bar bar, double equity)
    {
        Context.BeginBar(BarsSeen, equity);
        Strategy.OnBar(new ReadOnlySpan<Bar>(in bar), Context);
        BarsSeen++;
    }

    /// <summary>
    /// Replaces the strategy and re-warms it on the kept bars (oldest first) with an empty account; orders it asks
    /// for while re-warming are dropped. Too few kept bars leave it cold, and a cold slot never signals.
    /// </summary>
    public void Replace(IStrategy replacement, RingBuffer<Bar> history)
    {
        Strategy = replacement;
        Context.Reset();
        BarsSeen = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var bar = history[i];
            Decide(bar, 0);
        }
    }
}
