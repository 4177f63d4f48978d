using Sofia.Trading.Backtesting;

namespace Sofia.Cli.Commands;

/// <summary>Everything <c>sofia backtest</c> was asked for.</summary>
internal sealed record BacktestRequest
{
    public required IReadOnlyList<string> DataFiles { get; init; }

    public required string Strategy { get; init; }

    public IReadOnlyList<string> Parameters { get; init; } = [];

    public TradingMode Mode { get; init; } = TradingMode.LongOnly;

    public decimal FeeBps { get; init; } = 10m;

    public decimal SlippageBps { get; init; }

    public decimal Capital { get; init; } = 10_000m;

    public string? ReportPath { get; init; }

    public bool Json { get; init; }

    public bool Stream { get; init; }
}
