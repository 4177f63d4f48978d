using Sofia.Trading.Metrics;

namespace Sofia.Optimization.Evaluation;

/// <summary>
/// Pools per-window backtest summaries into one set of figures without keeping returns: each window's mean and
/// sample variance of per-bar returns are recovered from its Sharpe and volatility (std = vol / √N, mean = Sharpe ·
/// std / √N) and combined exactly (Chan's parallel formula); returns chain, drawdowns take the worst window, trade
/// profits and losses add up.
/// </summary>
internal sealed class FoldPool
{
    private int _periods;
    private double _mean;
    private double _squares;
    private double _growth = 1;
    private double _worstDrawdown;
    private decimal _grossProfit;
    private decimal _grossLoss;
    private int _trades;

    public int Windows { get; private set; }

    public int Periods => _periods;

    public double PeriodsPerYear { get; private set; } = double.NaN;

    public void Add(PerformanceSummary summary)
    {
        Windows++;
        PeriodsPerYear = summary.PeriodsPerYear;
        var n = summary.Periods;
        if (n > 0)
        {
            var root = Math.Sqrt(summary.PeriodsPerYear);
            var std = double.IsFinite(summary.AnnualVolatility) ? summary.AnnualVolatility / root : 0;
            var mean = std > 0 && double.IsFinite(summary.Sharpe)
                ? summary.Sharpe * std / root
                : Math.Pow(1 + summary.TotalReturn, 1.0 / n) - 1;
            var total = _periods + n;
            var delta = mean - _mean;
            _squares += (std * std * (n - 1)) + (delta * delta * _periods * n / total);
            _mean += delta * n / total;
            _periods = total;
            _growth *= 1 + summary.TotalReturn;
        }

        if (summary.Drawdown.MaxDrawdown > _worstDrawdown)
        {
            _worstDrawdown = summary.Drawdown.MaxDrawdown;
        }

        _grossProfit += summary.Trades.GrossProfit;
        _grossLoss += summary.Trades.GrossLoss;
        _trades += summary.Trades.Count;
    }

    public double Sharpe => _periods > 1 && _squares > 0
        ? _mean / Math.Sqrt(_squares / (_periods - 1)) * Math.Sqrt(PeriodsPerYear)
        : double.NaN;

    public double TotalReturn => _periods > 0 ? _growth - 1 : double.NaN;

    public double Cagr => _periods > 0 ? Math.Pow(_growth, PeriodsPerYear / _periods) - 1 : double.NaN;

    public double MaxDrawdown => _worstDrawdown;

    public int Trades => _trades;

    public double ProfitFactor => _grossLoss > 0
        ? (double)(_grossProfit / _grossLoss)
        : _grossProfit > 0 ? double.PositiveInfinity : double.NaN;
}
