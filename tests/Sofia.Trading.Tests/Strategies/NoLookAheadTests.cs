using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;
using Sofia.Trading.Tests.Backtesting;

namespace Sofia.Trading.Tests.Strategies;

/// <summary>
/// Every strategy of the registry, run through the backtester on real data and again with everything after bar t
/// replaced by garbage (<see cref="GarbageFuture"/>), must take identical decisions (signals and orders) up to and including bar t.
/// </summary>
public sealed class NoLookAheadTests
{
    private const int Bars = 6000;

    private static readonly (string Strategy, Dictionary<string, string> Parameters)[] Configurations =
    [
        .. StrategyRegistry.All.Select(d => (d.Name, new Dictionary<string, string>())),
        ("trend", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "40", ["stop_atr"] = "2", ["trail_atr"] = "3", ["regime"] = "sma", ["regime_period"] = "100" }),
        ("trend", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "40", ["regime"] = "hurst", ["regime_period"] = "100" }),
        ("grid", new Dictionary<string, string> { ["levels"] = "3", ["spacing_bps"] = "10", ["rebalance_bars"] = "30" }),
        ("pairs", new Dictionary<string, string> { ["lookback"] = "300", ["refit"] = "20", ["entry_z"] = "1.5", ["significance"] = "0.10" }),
    ];

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var (strategy, parameters) in Configurations)
        {
            foreach (var cutoff in new[] { 150, 1700, 4321 })
            {
                foreach (var mode in new[] { TradingMode.LongOnly, TradingMode.LongShort })
                {
                    var label = parameters.Count == 0 ? "defaults" : string.Join(",", parameters.Select(p => $"{p.Key}={p.Value}"));
                    yield return new TestCaseData(strategy, parameters, cutoff, mode).SetName($"No_look_ahead_{strategy}({label})_t{cutoff}_{mode}");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Decisions_up_to_t_ignore_everything_after_t(string strategy, Dictionary<string, string> parameters, int cutoff, TradingMode mode)
    {
        var descriptor = StrategyRegistry.Get(strategy);
        var real = Legs(descriptor.SymbolCount);
        var altered = new Bar[real.Length][];
        for (var s = 0; s < real.Length; s++)
        {
            altered[s] = GarbageFuture.After(real[s], cutoff, seed: 17 + s);
        }

        var original = Record(descriptor, parameters, real, mode);
        var changed = Record(descriptor, parameters, altered, mode);

        var signalsUpToT = original.Signals.Where(d => d.Bar <= cutoff).ToList();
        Assert.That(signalsUpToT, Has.Count.EqualTo((cutoff + 1) * real.Length));
        Assert.That(changed.Signals.Where(d => d.Bar <= cutoff), Is.EqualTo(signalsUpToT));
        Assert.That(changed.Orders.Where(d => d.Bar <= cutoff), Is.EqualTo(original.Orders.Where(d => d.Bar <= cutoff)));
        var alteredBars = Math.Min(real[0].Length, cutoff + 1 + GarbageFuture.Length);
        Assert.That(changed.Signals, Has.Count.EqualTo(alteredBars * real.Length), "the altered run must go to its end without failing");
    }

    [Test]
    public void The_harness_catches_a_strategy_that_peeks_at_the_next_bar()
    {
        var real = Legs(1);
        var peeking = new PeekingStrategy(real[0]);
        var original = Record(peeking, real);
        var changed = Record(new PeekingStrategy(GarbageFuture.After(real[0], 1000, 3)), real);

        Assert.That(changed.Signals.Where(d => d.Bar <= 1000), Is.Not.EqualTo(original.Signals.Where(d => d.Bar <= 1000)));
    }

    private static Bar[][] Legs(int count)
    {
        var btc = RealBars.Btc.AsSpan(0, Bars).ToArray();
        if (count == 1)
        {
            return [btc];
        }

        return BarAligner.Align([btc, RealBars.Eth.AsSpan(0, Bars).ToArray()]);
    }

    private static DecisionRecorder Record(StrategyDescriptor descriptor, Dictionary<string, string> parameters, Bar[][] legs, TradingMode mode)
    {
        var recorder = new DecisionRecorder();
        var options = new BacktestOptions { Mode = mode, FeeBps = 10m, SlippageBps = 1m, Observer = recorder, EquityCurvePoints = 0 };
        var symbols = legs.Length == 1 ? new[] { "BTC-USDT" } : ["BTC-USDT", "ETH-USDT"];
        Backtester.Run(descriptor.Create(parameters), legs, symbols, options);
        return recorder;
    }

    private static DecisionRecorder Record(IStrategy strategy, Bar[][] legs)
    {
        var recorder = new DecisionRecorder();
        Backtester.Run(strategy, legs, ["BTC-USDT"], new BacktestOptions { Observer = recorder, EquityCurvePoints = 0 });
        return recorder;
    }

    /// <summary>A deliberately broken strategy that reads tomorrow's close from its own copy of the data.</summary>
    private sealed class PeekingStrategy(Bar[] future) : IStrategy
    {
        public string Name => "peeking";

        public int SymbolCount => 1;

        public ExecutionStyle Style => ExecutionStyle.TargetPosition;

        public int WarmUpBars => 1;

        public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context)
        {
            var next = context.BarIndex + 1 < future.Length ? future[context.BarIndex + 1].Close : bars[0].Close;
            context.Emit(0, new Signal(SignalDirection.Long, next / (next + bars[0].Close), SignalReasons.Hold));
        }

        public void Reset()
        {
        }
    }
}
