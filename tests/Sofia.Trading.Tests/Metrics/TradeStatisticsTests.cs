using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Metrics;

public sealed class TradeStatisticsTests
{
    private static ClosedTrade Trade(decimal pnl) => new("BTC-USDT", 0, 1, 1m, 100m, 100m + pnl, pnl);

    // PnL 10, −5, 20, 0, −15: wins 30 over 2, losses 20 over 2, PF 1.5, win rate 2/5, expectancy 10/5 = 2.
    [Test]
    public void Five_trades_are_summarized_as_worked_by_hand()
    {
        var stats = TradeStatistics.From([Trade(10m), Trade(-5m), Trade(20m), Trade(0m), Trade(-15m)]);
        Assert.That(stats, Is.EqualTo(new TradeStatistics(5, 2, 2, 30m, 20m, 10m, 1.5, 0.4, 15m, -10m, 1.5, 2m)));
    }

    [Test]
    public void Profit_factor_is_infinite_without_losses_and_nan_without_trades()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TradeStatistics.From([Trade(3m)]).ProfitFactor, Is.EqualTo(double.PositiveInfinity));
            Assert.That(TradeStatistics.From([]).ProfitFactor, Is.NaN);
            Assert.That(TradeStatistics.From([]).WinRate, Is.NaN);
        });
    }
}
