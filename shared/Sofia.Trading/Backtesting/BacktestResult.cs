using Sofia.Trading.Metrics;

namespace Sofia.Trading.Backtesting;

/// <summary>Everything a backtest produced. Money is exact (decimal); per-bar figures are in <see cref="Summary"/>.</summary>
public sealed record BacktestResult
{
    /// <summary>Strategy name.</summary>
    public required string Strategy { get; init; }

    /// <summary>Symbols traded, in the strategy's order.</summary>
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>Long-only or long-short.</summary>
    public TradingMode Mode { get; init; }

    /// <summary>Bars (aligned steps) processed.</summary>
    public int Bars { get; init; }

    /// <summary>Open time of the first bar, UTC epoch µs.</summary>
    public long FirstBarTimeUs { get; init; }

    /// <summary>Open time of the last bar, UTC epoch µs.</summary>
    public long LastBarTimeUs { get; init; }

    /// <summary>Starting cash.</summary>
    public decimal InitialCapital { get; init; }

    /// <summary>Cash plus open positions marked at the last close, exact.</summary>
    public decimal FinalEquity { get; init; }

    /// <summary>Cash at the end.</summary>
    public decimal Cash { get; init; }

    /// <summary>Signed positions at the end, one per symbol.</summary>
    public required IReadOnlyList<decimal> FinalPositions { get; init; }

    /// <summary>Fees paid.</summary>
    public decimal FeesPaid { get; init; }

    /// <summary>Sum of |fill notional|.</summary>
    public decimal TradedNotional { get; init; }

    /// <summary>Orders submitted to the execution simulator.</summary>
    public long Orders { get; init; }

    /// <summary>Fills booked.</summary>
    public long Fills { get; init; }

    /// <summary>Orders the risk engine rejected.</summary>
    public int RiskRejections { get; init; }

    /// <summary>Every figure: returns, Sharpe, Sortino, Calmar, drawdown, trade statistics, exposure, turnover.</summary>
    public required PerformanceSummary Summary { get; init; }

    /// <summary>Closed round trips (empty when not recorded); an open position at the end is not a trade.</summary>
    public required IReadOnlyList<ClosedTrade> Trades { get; init; }

    /// <summary>The downsampled equity curve, starting with the initial capital.</summary>
    public required IReadOnlyList<EquityPoint> EquityCurve { get; init; }
}
