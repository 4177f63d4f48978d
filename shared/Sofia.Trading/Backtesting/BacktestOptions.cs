using Sofia.Trading.Execution;
using Sofia.Trading.Risk;
using Sofia.Trading.Sizing;

namespace Sofia.Trading.Backtesting;

/// <summary>How a backtest runs: capital, mode, costs, sizing, risk and what it keeps.</summary>
public sealed record BacktestOptions
{
    /// <summary>Starting cash in quote currency.</summary>
    public decimal InitialCapital { get; init; } = 10_000m;

    /// <summary>Long-only or long-short.</summary>
    public TradingMode Mode { get; init; } = TradingMode.LongOnly;

    /// <summary>Taker fee in basis points of notional (market and stop orders, marketable limits).</summary>
    public decimal FeeBps { get; init; }

    /// <summary>Maker fee in basis points (resting limit orders); null means <see cref="FeeBps"/>.</summary>
    public decimal? MakerFeeBps { get; init; }

    /// <summary>Adverse slippage of taker fills in basis points of the price.</summary>
    public decimal SlippageBps { get; init; }

    /// <summary>A full fill model; when set it replaces <see cref="FeeBps"/>, <see cref="MakerFeeBps"/> and <see cref="SlippageBps"/>.</summary>
    public FillModel? FillModel { get; init; }

    /// <summary>
    /// Sizes target positions: target quantity = sizer.Quantity(equity · strength, execution price, annualized
    /// volatility of 60 log returns, ATR(14)). Null sizes all-in: strength · equity / (price · (1 + fee)).
    /// </summary>
    public PositionSizer? Sizer { get; init; }

    /// <summary>Risk limits checked on every order; null for none.</summary>
    public RiskLimits? Risk { get; init; }

    /// <summary>Annualization; null infers it from the smallest step between bar open times (525 600 for 1-minute bars).</summary>
    public double? PeriodsPerYear { get; init; }

    /// <summary>Keep the list of round trips (its memory grows with the number of trades); statistics are always kept.</summary>
    public bool RecordTrades { get; init; } = true;

    /// <summary>Largest number of equity-curve points kept (downsampled); 0 keeps none.</summary>
    public int EquityCurvePoints { get; init; } = 2048;

    /// <summary>Sign-flip permutations of the per-bar returns for a p-value; above 0 the returns are kept (O(bars) memory).</summary>
    public int Permutations { get; init; }

    /// <summary>Seed of the permutation test.</summary>
    public ulong PermutationSeed { get; init; } = 1;

    /// <summary>Receives every signal and order; null for none.</summary>
    public IDecisionObserver? Observer { get; init; }

    /// <summary>The fill model in force.</summary>
    public FillModel ResolveFillModel() => FillModel ?? new FillModel
    {
        TakerFeeBps = FeeBps,
        MakerFeeBps = MakerFeeBps ?? FeeBps,
        SlippageBps = SlippageBps,
    };
}
