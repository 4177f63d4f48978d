using Sofia.Trading.Execution;
using Sofia.Trading.Strategies;
using static Sofia.Trading.Strategies.SignalDirection;

namespace Sofia.Trading.Tests.Strategies;

public sealed class StrategyRuleTests
{
    [Test]
    public void Trend_goes_long_on_a_cross_up_and_short_on_a_cross_down()
    {
        var signals = StrategyDriver.Run(new TrendStrategy(2, 3), StrategyDriver.FromCloses(10, 10, 10, 13, 16, 10, 4, 4, 4, 9, 12));

        Assert.That(StrategyDriver.Directions(signals), Is.EqualTo(new[] { Flat, Flat, Flat, Long, Long, Long, Short, Short, Short, Long, Long }));
        Assert.That(signals[3].Reason, Is.EqualTo(SignalReasons.CrossUp));
        Assert.That(signals[6].Reason, Is.EqualTo(SignalReasons.CrossDown));
        Assert.That(signals[0].Reason, Is.EqualTo(SignalReasons.WarmUp));
    }

    [Test]
    public void Trend_ignores_rounding_noise_in_a_flat_run()
    {
        var closes = Enumerable.Repeat(0.1, 200).ToArray();
        var signals = StrategyDriver.Run(new TrendStrategy(3, 7), StrategyDriver.FromCloses(closes));

        Assert.That(signals.All(s => s.Direction == Flat), Is.True);
    }

    [Test]
    public void Trend_trailing_stop_exits_and_waits_for_the_next_cross()
    {
        // Rises to 108, then drops 1.5 (more than ATR(2) ≈ 1.25) while the fast SMA stays above the slow one.
        double[] closes = [100, 100, 100, 100, 101, 102, 103, 104, 105, 106, 107, 108, 106.5];
        var signals = StrategyDriver.Run(new TrendStrategy(2, 4, trailAtr: 1, atrPeriod: 2), StrategyDriver.FromCloses(closes));

        var stop = signals.FindIndex(s => s.Reason == SignalReasons.TrailingStop);
        Assert.That(stop, Is.EqualTo(12));
        Assert.That(signals[11].Direction, Is.EqualTo(Long));
        Assert.That(signals[12].Direction, Is.EqualTo(Flat));
    }

    [Test]
    public void Trend_regime_filter_blocks_entries_below_the_long_sma()
    {
        var closes = Enumerable.Range(0, 80).Select(i => 200.0 - i).Concat([125, 127, 129]).ToArray();
        var signals = StrategyDriver.Run(new TrendStrategy(2, 3, regime: TrendRegime.Sma, regimePeriod: 50), StrategyDriver.FromCloses(closes));

        Assert.That(signals.Any(s => s.Reason == SignalReasons.RegimeFilter), Is.True);
        Assert.That(signals.Skip(50).Any(s => s.Direction == Long), Is.False);
    }

    [Test]
    public void Donchian_breaks_out_above_the_previous_highs_and_exits_on_the_exit_channel()
    {
        double[] closes = [10, 10, 10, 10, 12, 12, 11, 9, 9];
        var signals = StrategyDriver.Run(new DonchianBreakoutStrategy(3, 2), StrategyDriver.FromCloses(closes));

        Assert.That(signals[4].Direction, Is.EqualTo(Long));
        Assert.That(signals[4].Reason, Is.EqualTo(SignalReasons.BreakoutUp));
        Assert.That(signals[6].Direction, Is.EqualTo(Long));
        Assert.That(signals[7].Direction, Is.Not.EqualTo(Long));
    }

    [Test]
    public void Supertrend_follows_the_indicator_trend()
    {
        var closes = Enumerable.Range(0, 30).Select(i => 100.0 + (2 * i)).Concat(Enumerable.Range(0, 30).Select(i => 160.0 - (4 * i))).ToArray();
        var directions = StrategyDriver.Directions(StrategyDriver.Run(new SuperTrendStrategy(5, 2), StrategyDriver.FromCloses(closes)));

        Assert.That(directions[25], Is.EqualTo(Long));
        Assert.That(directions[^1], Is.EqualTo(Short));
    }

    [Test]
    public void Bollinger_buys_below_the_lower_band_and_exits_at_the_middle()
    {
        double[] closes = [100, 101, 99, 100, 101, 99, 100, 90, 95, 101];
        var signals = StrategyDriver.Run(new BollingerRevertStrategy(5, 1.5), StrategyDriver.FromCloses(closes));

        Assert.That(signals[7].Direction, Is.EqualTo(Long));
        Assert.That(signals[7].Reason, Is.EqualTo(SignalReasons.Oversold));
        Assert.That(signals[9].Direction, Is.EqualTo(Flat));
        Assert.That(signals[9].Reason, Is.EqualTo(SignalReasons.MeanReached));
    }

    [Test]
    public void Rsi_buys_when_oversold_and_exits_at_the_exit_level()
    {
        double[] closes = [100, 99, 98, 97, 96, 95, 97, 99, 101];
        var signals = StrategyDriver.Run(new RsiRevertStrategy(3, 30, 70, 50), StrategyDriver.FromCloses(closes));

        // Wilder RSI(3): 0 after three falls; the first rise of 2 brings gain and loss averages to 2/3 each (RSI 50);
        // the next one to 10/9 against 4/9 (RSI 71.4, overbought).
        Assert.That(signals[3].Direction, Is.EqualTo(Long), "RSI(3) is 0 after three falls");
        Assert.That(signals[5].Direction, Is.EqualTo(Long));
        Assert.That(signals[6], Is.EqualTo(new Signal(Flat, 0, SignalReasons.MeanReached)));
        Assert.That(signals[7], Is.EqualTo(new Signal(Short, 1, SignalReasons.Overbought)));
    }

    [Test]
    public void Grid_lays_buys_below_and_sells_only_against_inventory_in_long_only_mode()
    {
        var context = new StrategyContext(1, allowShort: false);
        var grid = new GridStrategy(levels: 2, spacingBps: 100, orderFraction: 0.1, maxInventory: 0.5);
        context.BeginBar(0, 10_000);
        grid.OnBar(StrategyDriver.FromCloses(100), context);

        var orders = context.Orders.ToArray();
        Assert.That(context.CancelRequested(0), Is.True);
        Assert.That(orders.Select(o => (o.Side, o.Price, o.Quantity)), Is.EqualTo(new[] { (OrderSide.Buy, 99m, 10m), (OrderSide.Buy, 98m, 10m) }));

        context.BeginBar(1, 10_000);
        context.SetPosition(0, 15, 1);
        grid.OnBar(StrategyDriver.FromCloses(100), context);
        Assert.That(context.Orders.ToArray().Select(o => (o.Side, o.Price, o.Quantity)), Is.EqualTo(new[]
        {
            (OrderSide.Buy, 99m, 10m), (OrderSide.Sell, 101m, 10m), (OrderSide.Buy, 98m, 10m), (OrderSide.Sell, 102m, 5m),
        }));
    }

    [Test]
    public void Grid_signal_wants_inventory_below_its_reference()
    {
        var signals = StrategyDriver.Run(new GridStrategy(levels: 4, spacingBps: 100), StrategyDriver.FromCloses(100, 97.5, 103), new StrategyContext(1, ordersEnabled: false));

        Assert.That(signals[1].Direction, Is.EqualTo(Long));
        Assert.That(signals[1].Strength, Is.EqualTo(0.5));
    }

    [Test]
    public void Fusion_is_the_weighted_mean_of_the_members_exposures()
    {
        var fused = new FusedStrategy([new(new Fixed(Long, 1), 2), new(new Fixed(Short, 1), 1), new(new Fixed(Long, 0.5), 1)], threshold: 0.2);
        var signals = StrategyDriver.Run(fused, StrategyDriver.FromCloses(100));

        Assert.That(signals[0].Direction, Is.EqualTo(Long));
        Assert.That(signals[0].Strength, Is.EqualTo(((2 * 1.0) - 1 + 0.5) / 4));
        Assert.That(signals[0].Reason, Is.EqualTo(SignalReasons.Vote));
    }

    [Test]
    public void Fusion_below_the_threshold_is_flat()
    {
        var fused = new FusedStrategy([new(new Fixed(Long, 1), 1), new(new Fixed(Short, 1), 1)], threshold: 0.1);

        Assert.That(StrategyDriver.Run(fused, StrategyDriver.FromCloses(100))[0].Reason, Is.EqualTo(SignalReasons.VoteBelowThreshold));
    }

    private sealed class Fixed(SignalDirection direction, double strength) : IStrategy
    {
        public string Name => "fixed";

        public int SymbolCount => 1;

        public ExecutionStyle Style => ExecutionStyle.TargetPosition;

        public int WarmUpBars => 0;

        public void OnBar(ReadOnlySpan<Bar> bars, StrategyContext context) => context.Emit(0, new Signal(direction, strength, SignalReasons.Hold));

        public void Reset()
        {
        }
    }
}
