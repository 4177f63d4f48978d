namespace Sofia.Trading.Metrics;

/// <summary>Every headline figure of a run; built by <see cref="PerformanceSummary.Compute"/>. Ratios are annualized with <see cref="PeriodsPerYear"/>.</summary>
public sealed record PerformanceSummary
{
    /// <summary>Return periods per year used to annualize.</summary>
    public double PeriodsPerYear { get; init; }

    /// <summary>Number of per-period returns (equity points − 1).</summary>
    public int Periods { get; init; }

    /// <summary>Final equity / initial equity − 1.</summary>
    public double TotalReturn { get; init; }

    /// <summary>Compound annual growth rate.</summary>
    public double Cagr { get; init; }

    /// <summary>Annualized volatility (sample std · √periods).</summary>
    public double AnnualVolatility { get; init; }

    /// <summary>Annualized Sharpe ratio.</summary>
    public double Sharpe { get; init; }

    /// <summary>Annualized Sortino ratio (target 0).</summary>
    public double Sortino { get; init; }

    /// <summary>CAGR / max drawdown (Calmar, also called MAR over the whole run).</summary>
    public double Calmar { get; init; }

    /// <summary>Deepest drawdown and its duration.</summary>
    public DrawdownReport Drawdown { get; init; }

    /// <summary>Trade-list statistics.</summary>
    public TradeStatistics Trades { get; init; }

    /// <summary>Fraction of bars with a non-zero position.</summary>
    public double Exposure { get; init; }

    /// <summary>Total traded notional / mean equity over the run.</summary>
    public double Turnover { get; init; }

    /// <summary><see cref="Turnover"/> scaled to one year.</summary>
    public double AnnualTurnover { get; init; }

    /// <summary>Sign-flip MCPT of the per-bar returns (see <see cref="PermutationTest.SignFlip"/>); NaN p-value when not run.</summary>
    public PermutationResult Permutation { get; init; }

    /// <summary>
    /// Computes every figure. <paramref name="equity"/> holds the equity before the first bar and after each bar;
    /// <paramref name="positions"/> the signed position held over each bar; <paramref name="trades"/> the round trips;
    /// <paramref name="tradedNotional"/> the sum of |fill notional|. With <paramref name="permutations"/> &gt; 0 the
    /// sign-flip MCPT runs with <paramref name="seed"/>.
    /// </summary>
    public static PerformanceSummary Compute(
        ReadOnlySpan<double> equity,
        ReadOnlySpan<double> positions,
        ReadOnlySpan<ClosedTrade> trades,
        decimal tradedNotional,
        double periodsPerYear,
        int permutations = 0,
        ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodsPerYear);
        var returns = ReturnStatistics.SimpleReturns(equity);
        var inMarket = 0;
        foreach (var position in positions)
        {
            if (position != 0)
            {
                inMarket++;
            }
        }

        var meanEquity = ReturnStatistics.Mean(equity);
        var turnover = meanEquity > 0 ? (double)tradedNotional / meanEquity : double.NaN;
        return new PerformanceSummary
        {
            PeriodsPerYear = periodsPerYear,
            Periods = returns.Length,
            TotalReturn = ReturnStatistics.TotalReturn(returns),
            Cagr = ReturnStatistics.Cagr(returns, periodsPerYear),
            AnnualVolatility = ReturnStatistics.AnnualVolatility(returns, periodsPerYear),
            Sharpe = ReturnStatistics.Sharpe(returns, periodsPerYear),
            Sortino = ReturnStatistics.Sortino(returns, periodsPerYear),
            Calmar = ReturnStatistics.Calmar(returns, periodsPerYear),
            Drawdown = DrawdownReport.FromEquity(equity),
            Trades = TradeStatistics.From(trades),
            Exposure = positions.IsEmpty ? double.NaN : (double)inMarket / positions.Length,
            Turnover = turnover,
            AnnualTurnover = returns.Length > 0 ? turnover * periodsPerYear / returns.Length : double.NaN,
            Permutation = permutations > 0
                ? PermutationTest.SignFlip(returns, permutations, seed)
                : new PermutationResult(ReturnStatistics.Mean(returns), 0, 0, double.NaN),
        };
    }
}
