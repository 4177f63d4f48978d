namespace Sofia.Trading.Metrics;

/// <summary>Builds <see cref="TradeStatistics"/> one trade at a time (the backtester streams trades; <see cref="TradeStatistics.From"/> folds a list).</summary>
internal sealed class TradeStatisticsAccumulator
{
    private int _count;
    private int _wins;
    private int _losses;
    private decimal _profit;
    private decimal _loss;

    public void Add(in ClosedTrade trade)
    {
        _count++;
        if (trade.Pnl > 0m)
        {
            _wins++;
            _profit += trade.Pnl;
        }
        else if (trade.Pnl < 0m)
        {
            _losses++;
            _loss -= trade.Pnl;
        }
    }

    public TradeStatistics ToStatistics()
    {
        var net = _profit - _loss;
        var profitFactor = _loss > 0m ? (double)(_profit / _loss) : _profit > 0m ? double.PositiveInfinity : double.NaN;
        var averageWin = _wins > 0 ? _profit / _wins : 0m;
        var averageLoss = _losses > 0 ? -_loss / _losses : 0m;
        var payoff = _wins > 0 && _losses > 0 ? (double)(averageWin / -averageLoss) : double.NaN;
        return new TradeStatistics(
            _count,
            _wins,
            _losses,
            _profit,
            _loss,
            net,
            profitFactor,
            _count > 0 ? (double)_wins / _count : double.NaN,
            averageWin,
            averageLoss,
            payoff,
            _count > 0 ? net / _count : 0m);
    }
}
