using Sofia.Trading.Backtesting;
using Sofia.Trading.Metrics;
using Sofia.Trading.Strategies;

namespace Sofia.Trading.Tests.Backtesting;

public sealed class TrendBacktestTests
{
    [TestCase(20, 60, 10, 0)]
    [TestCase(20, 60, 0, 0)]
    [TestCase(5, 30, 7.5, 2)]
    [TestCase(50, 200, 10, 5)]
    public void Long_only_trend_matches_the_reference_rules_on_real_btc_minutes(int fast, int slow, double feeBps, double slippageBps)
    {
        var bars = RealBars.Btc;
        var options = new BacktestOptions { InitialCapital = 10_000m, FeeBps = (decimal)feeBps, SlippageBps = (decimal)slippageBps };
        var result = Backtester.Run(new TrendStrategy(fast, slow), bars, options);
        var (finalEquity, cash, quantity, trades) = TrendReference.Run(bars, fast, slow, 10_000m, (decimal)feeBps, (decimal)slippageBps);

        Assert.That(result.Trades, Has.Count.EqualTo(trades.Count));
        Assert.That(trades, Has.Count.GreaterThan(50), "the real file has many crosses");
        for (var i = 0; i < trades.Count; i++)
        {
            var (actual, expected) = (result.Trades[i], trades[i]);
            Assert.That(actual.EntryTimeUs, Is.EqualTo(expected.EntryTimeUs), $"trade {i} entry time");
            Assert.That(actual.ExitTimeUs, Is.EqualTo(expected.ExitTimeUs), $"trade {i} exit time");
            Assert.That(actual.EntryPrice, Is.EqualTo(expected.EntryPrice), $"trade {i} entry price");
            Assert.That(actual.ExitPrice, Is.EqualTo(expected.ExitPrice), $"trade {i} exit price");
            Assert.That(actual.Quantity, Is.EqualTo(expected.Quantity).Within(1e-20m), $"trade {i} quantity");
            Assert.That(actual.Pnl, Is.EqualTo(expected.Pnl).Within(1e-16m), $"trade {i} PnL");
        }

        // Decimal rounding of fee·notional in a different order may move the 28th digit only.
        Assert.That(result.FinalEquity, Is.EqualTo(finalEquity).Within(1e-16m));
        Assert.That(result.Cash, Is.EqualTo(cash).Within(1e-16m));
        Assert.That(result.FinalPositions[0], Is.EqualTo(quantity).Within(1e-20m));
        Assert.That(result.Bars, Is.EqualTo(bars.Length));
    }

    [Test]
    public void An_all_in_buy_spends_exactly_the_cash_fee_included()
    {
        var bars = RealBars.Btc.AsSpan(0, 3000).ToArray();
        var backtester = new Backtester(new TrendStrategy(20, 60), new BacktestOptions { FeeBps = 10m }, [Backtester.DefaultSymbol]);
        var checkedBuys = 0;
        var wasFlat = true;
        foreach (var bar in bars)
        {
            backtester.Step(bar);
            var quantity = backtester.Ledger.PositionQuantity(Backtester.DefaultSymbol);
            if (wasFlat && quantity > 0m)
            {
                // cash / (open · (1 + fee)) bought, fee = qty · open · fee on top: nothing is left beyond decimal's last digit.
                Assert.That(Math.Abs(backtester.Ledger.Cash), Is.LessThan(1e-20m));
                checkedBuys++;
            }

            wasFlat = quantity == 0m;
        }

        Assert.That(checkedBuys, Is.GreaterThan(3));
    }

    [Test]
    public void Hand_made_series_trades_at_the_next_open_and_marks_the_last_close()
    {
        // fast = 2, slow = 3. Closes: 10 10 10 13 16 10 4 4 4 9 12.
        // Bar 3: fast 11.5 > slow 11 and at bar 2 fast 10 <= slow 10: cross up, buy at bar 4's open (14).
        // Bar 5: fast 13 < slow 13 no (13 = 13); bar 6: fast 7 < slow 10, bar 5 fast 13 >= slow 13: cross down, sell at bar 7's open (5).
        // Bar 9: fast 6.5 > slow 5.67, bar 8 fast 4 <= slow 4: cross up, buy at bar 10's open (10); held, marked at 12.
        double[] closes = [10, 10, 10, 13, 16, 10, 4, 4, 4, 9, 12];
        double[] opens = [10, 10, 10, 10, 14, 16, 10, 5, 4, 4, 10];
        var bars = new Bar[closes.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            bars[i] = new Bar(i * 60_000_000L, opens[i], Math.Max(opens[i], closes[i]), Math.Min(opens[i], closes[i]), closes[i], 1);
        }

        var result = Backtester.Run(new TrendStrategy(2, 3), bars, new BacktestOptions { InitialCapital = 1000m });

        Assert.That(result.Trades, Has.Count.EqualTo(1));
        Assert.That(result.Trades[0].EntryTimeUs, Is.EqualTo(4 * 60_000_000L));
        Assert.That(result.Trades[0].EntryPrice, Is.EqualTo(14m));
        Assert.That(result.Trades[0].ExitTimeUs, Is.EqualTo(7 * 60_000_000L));
        Assert.That(result.Trades[0].ExitPrice, Is.EqualTo(5m));
        var afterFirst = 1000m / 14m * 5m;
        Assert.That(result.Trades[0].Pnl, Is.EqualTo(afterFirst - 1000m).Within(1e-20m));
        Assert.That(result.FinalEquity, Is.EqualTo(afterFirst / 10m * 12m).Within(1e-20m));
        Assert.That(result.FinalPositions[0], Is.EqualTo(afterFirst / 10m).Within(1e-20m));
    }

    [Test]
    public void A_signal_on_the_last_bar_is_not_executed()
    {
        double[] closes = [10, 10, 10, 13];
        var bars = new Bar[closes.Length];
        for (var i = 0; i < bars.Length; i++)
        {
            bars[i] = new Bar(i * 60_000_000L, closes[i], closes[i], closes[i], closes[i], 1);
        }

        var result = Backtester.Run(new TrendStrategy(2, 3), bars, new BacktestOptions { InitialCapital = 1000m });

        Assert.That(result.Orders, Is.Zero);
        Assert.That(result.FinalEquity, Is.EqualTo(1000m));
        Assert.That(result.Summary.Exposure, Is.Zero);
    }

    [Test]
    public void One_minute_bars_annualize_with_525600_periods()
    {
        var result = Backtester.Run(new TrendStrategy(20, 60), RealBars.Btc.AsSpan(0, 500), new BacktestOptions());

        Assert.That(result.Summary.PeriodsPerYear, Is.EqualTo(525_600));
    }

    [Test]
    public void Permutation_test_flips_the_signs_of_the_returns_of_the_whole_equity_curve()
    {
        var options = new BacktestOptions { FeeBps = 10m, Permutations = 200, PermutationSeed = 7, EquityCurvePoints = 4096 };
        var result = Backtester.Run(new TrendStrategy(20, 60), RealBars.Btc.AsSpan(0, 1000), options);
        var equity = result.EquityCurve.Select(p => p.Equity).ToArray();

        Assert.That(equity, Has.Length.EqualTo(1001), "the starting point and every bar are kept");
        Assert.That(result.Summary.Permutation, Is.EqualTo(PermutationTest.SignFlip(ReturnStatistics.SimpleReturns(equity), 200, 7)));
        Assert.That(result.Summary.Permutation.Permutations, Is.EqualTo(200));
    }
}
