using Sofia.Trading.Execution;
using Sofia.Trading.Risk;
using Sofia.Trading.Sizing;

namespace Sofia.PaperOms.Domain;

/// <summary>Everything the engine's decisions depend on besides its inputs; the replay uses the same settings.</summary>
internal sealed record PaperEngineSettings
{
    /// <summary>Cash each book (strategy × market) starts with, quote currency.</summary>
    public decimal StartingCashPerBook { get; init; } = 10_000m;

    /// <summary>Fees, slippage and participation: the trading core's model.</summary>
    public FillModel FillModel { get; init; } = FillModel.Frictionless;

    /// <summary>Pre-trade limits, applied per book.</summary>
    public RiskLimits Risk { get; init; } = new();

    /// <summary>Fraction of the book's equity a full-strength signal holds (the fixed-fraction sizing rule).</summary>
    public decimal SizingFraction { get; init; } = 1m;

    /// <summary>Quantity rounding; a step keeps every quantity short enough for the wire's exact decimals.</summary>
    public LotSize Lot { get; init; } = new(0.00001m, 0m);

    /// <summary>False shorts nothing: short signals go flat.</summary>
    public bool AllowShort { get; init; } = true;

    /// <summary>The K-factor ramp and its gates.</summary>
    public KFactorRampSettings Ramp { get; init; } = new();

    /// <summary>Decimal places of fill prices and fees (rounded half away from zero).</summary>
    public int PriceDecimals { get; init; } = 8;

    /// <summary>Recent ticks kept per market so a signal arriving after the tick that closed its bar still fills at it.</summary>
    public int TickBufferSize { get; init; } = 4096;

    /// <summary>Fills kept for the history endpoint.</summary>
    public int HistorySize { get; init; } = 10_000;
}
