namespace Sofia.Trading.Metrics;

/// <summary>
/// Statistics of a trade list. A trade with PnL &gt; 0 is a win, &lt; 0 a loss; a zero-PnL trade counts in
/// <see cref="Count"/> only. Money sums are exact decimals.
/// </summary>
/// <param name="Count">Number of trades.</param>
/// <param name="Wins">Trades with positive PnL.</param>
/// <param name="Losses">Trades with negative PnL.</param>
/// <param name="GrossProfit">Sum of winning PnL.</param>
/// <param name="GrossLoss">Sum of losing PnL, as a positive number.</param>
/// <param name="NetPnl">Sum of all PnL.</param>
/// <param name="ProfitFactor">GrossProfit / GrossLoss; +∞ with profits and no losses; NaN with neither.</param>
/// <param name="WinRate">Wins / Count; NaN without trades.</param>
/// <param name="AverageWin">GrossProfit / Wins (positive); zero without wins.</param>
/// <param name="AverageLoss">Mean PnL of losing trades (negative); zero without losses.</param>
/// <param name="PayoffRatio">AverageWin / |AverageLoss|; NaN when either is zero.</param>
/// <param name="Expectancy">NetPnl / Count: mean PnL per trade (= WinRate · AverageWin + LossRate · AverageLoss).</param>
public readonly record struct TradeStatistics(
    int Count,
    int Wins,
    int Losses,
    decimal GrossProfit,
    decimal GrossLoss,
    decimal NetPnl,
    double ProfitFactor,
    double WinRate,
    decimal AverageWin,
    decimal AverageLoss,
    double PayoffRatio,
    decimal Expectancy)
{
    /// <summary>Computes the statistics of <paramref name="trades"/>.</summary>
    public static TradeStatistics From(ReadOnlySpan<ClosedTrade> trades)
    {
        var accumulator = new TradeStatisticsAccumulator();
        foreach (var trade in trades)
        {
            accumulator.Add(trade);
        }

        return accumulator.ToStatistics();
    }
}
