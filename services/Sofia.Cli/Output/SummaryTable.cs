using System.Globalization;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;
using Spectre.Console;

namespace Sofia.Cli.Output;

/// <summary>The headline figures of a backtest as a two-column table.</summary>
internal static class SummaryTable
{
    public static IReadOnlyList<(string Name, string Value)> Rows(BacktestResult result, StrategyParameters parameters)
    {
        var s = result.Summary;
        return
        [
            ("strategy", $"{result.Strategy} {parameters}"),
            ("symbols", string.Join(", ", result.Symbols)),
            ("mode", result.Mode == TradingMode.LongOnly ? "long-only" : "long-short"),
            ("bars", $"{result.Bars.ToString(CultureInfo.InvariantCulture)} ({Formats.Time(result.FirstBarTimeUs)} → {Formats.Time(result.LastBarTimeUs)} UTC)"),
            ("initial capital", Formats.Money(result.InitialCapital)),
            ("final equity", Formats.Money(result.FinalEquity)),
            ("total return", Formats.Percent(s.TotalReturn)),
            ("CAGR", Formats.Percent(s.Cagr)),
            ("annual volatility", Formats.Percent(s.AnnualVolatility)),
            ("Sharpe", Formats.Ratio(s.Sharpe)),
            ("Sortino", Formats.Ratio(s.Sortino)),
            ("Calmar", Formats.Ratio(s.Calmar)),
            ("max drawdown", $"{Formats.Percent(s.Drawdown.MaxDrawdown)} over {s.Drawdown.DurationPeriods.ToString(CultureInfo.InvariantCulture)} bars"),
            ("trades", $"{s.Trades.Count.ToString(CultureInfo.InvariantCulture)} (win rate {Formats.Percent(s.Trades.WinRate)}, profit factor {Formats.Ratio(s.Trades.ProfitFactor)})"),
            ("net trade PnL", Formats.Money(s.Trades.NetPnl)),
            ("fees paid", Formats.Money(result.FeesPaid)),
            ("exposure", Formats.Percent(s.Exposure)),
            ("annualized with", $"{s.PeriodsPerYear.ToString("G", CultureInfo.InvariantCulture)} periods/year"),
        ];
    }

    public static void Write(IAnsiConsole console, BacktestResult result, StrategyParameters parameters)
    {
        var table = new Table().AddColumn("metric").AddColumn("value");
        foreach (var (name, value) in Rows(result, parameters))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        console.Write(table);
    }
}
