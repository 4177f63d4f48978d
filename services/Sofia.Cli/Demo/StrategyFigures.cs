using Sofia.Trading.Metrics;

namespace Sofia.Cli.Demo;

/// <summary>One strategy's result at the end of the demo: the OMS's account, the bus's counts, and curve statistics.</summary>
internal sealed record StrategyFigures(
    string Strategy,
    StrategyAccount Account,
    StrategyTally Tally,
    IReadOnlyList<(long TimeUs, decimal Equity)> Equity,
    double MaxDrawdown,
    double Sharpe)
{
    /// <summary>Sharpe needs this many equity points; fewer give n/a.</summary>
    public const int MinSharpePoints = 30;

    /// <summary>Nor is a Sharpe ratio annualized from less than half a day of exchange time worth showing.</summary>
    private const long MinSharpeSpanUs = 12 * 3_600L * 1_000_000;

    private const double MicrosecondsPerYear = 365.0 * 86_400 * 1_000_000;

    /// <summary>The curve is the final deposits plus the PnL at each point, as if every book had been funded from the start.</summary>
    public static StrategyFigures Compute(StrategyAccount account, StrategyTally? tally, IReadOnlyList<(long TimeUs, decimal Pnl)>? pnl)
    {
        var equity = (pnl ?? []).Select(p => (p.TimeUs, Equity: account.Deposits + p.Pnl)).ToList();
        var curve = new double[equity.Count];
        for (var i = 0; i < curve.Length; i++)
        {
            curve[i] = (double)equity[i].Equity;
        }

        var drawdown = curve.Length == 0 ? 0 : DrawdownReport.FromEquity(curve).MaxDrawdown;
        var sharpe = double.NaN;
        if (curve.Length >= MinSharpePoints && equity[^1].TimeUs - equity[0].TimeUs >= MinSharpeSpanUs)
        {
            var returns = ReturnStatistics.SimpleReturns(curve);
            // Points are taken at about even intervals of exchange time; annualize by their mean spacing.
            var spacingUs = (double)(equity[^1].TimeUs - equity[0].TimeUs) / (curve.Length - 1);
            sharpe = spacingUs > 0 ? ReturnStatistics.Sharpe(returns, MicrosecondsPerYear / spacingUs) : double.NaN;
        }

        return new StrategyFigures(account.Strategy, account, tally ?? new StrategyTally(), equity, drawdown, sharpe);
    }
}
