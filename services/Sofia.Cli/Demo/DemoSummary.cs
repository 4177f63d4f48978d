using System.Globalization;
using System.Text.Json;
using Sofia.Cli.Output;
using Spectre.Console;

namespace Sofia.Cli.Demo;

/// <summary>The end-of-run table (one row per strategy) and its JSON twin beside the report.</summary>
internal static class DemoSummary
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<string> Columns { get; } =
        ["strategy", "books", "signals", "orders", "fills", "rejected", "equity", "PnL", "return", "max DD", "Sharpe"];

    public static IReadOnlyList<string> Row(StrategyFigures f) =>
    [
        f.Strategy,
        f.Account.Books.ToString(CultureInfo.InvariantCulture),
        f.Tally.Signals.ToString(CultureInfo.InvariantCulture),
        f.Tally.Intents.ToString(CultureInfo.InvariantCulture),
        f.Tally.Fills.ToString(CultureInfo.InvariantCulture),
        f.Tally.Rejections.ToString(CultureInfo.InvariantCulture),
        Formats.Money(f.Account.Equity),
        Formats.Money(f.Account.Pnl),
        Formats.Percent(f.Account.Return),
        Formats.Percent(f.MaxDrawdown),
        Formats.Ratio(f.Sharpe),
    ];

    public static void Write(IAnsiConsole console, DemoResult result)
    {
        // Short headers and a light border keep eleven columns readable in an 80-column terminal.
        var table = new Table { Title = new TableTitle("sofia demo: result per strategy"), Border = TableBorder.Simple };
        foreach (var column in Columns)
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }

        foreach (var figures in result.Strategies)
        {
            table.AddRow([.. Row(figures).Select(Markup.Escape)]);
        }

        // Redirected output has no width of its own; eleven columns need more than the default 80.
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
        }

        console.Write(table);
    }

    /// <summary>Machine-readable figures: what the bus carried and what the OMS holds, side by side.</summary>
    public static string Json(DemoResult result)
    {
        var t = result.Tape;
        return JsonSerializer.Serialize(new
        {
            services = result.ServicesRun,
            elapsed_seconds = result.Elapsed.TotalSeconds,
            ticks = t.Ticks,
            bars = t.Bars,
            candles_stored = result.CandlesStored,
            first_tick_time_us = t.FirstTickTimeUs,
            last_tick_time_us = t.LastTickTimeUs,
            drained = result.Drained,
            fills_agree = result.FillsAgree,
            kill_switch = result.Oms.KillSwitch,
            strategies = result.Strategies.Select(f => new
            {
                strategy = f.Strategy,
                books = f.Account.Books,
                signals = f.Tally.Signals,
                orders = f.Tally.Intents,
                risk_rejections = f.Tally.Rejections,
                rejection_reasons = f.Tally.RejectionReasons,
                bus_fills = f.Tally.Fills,
                oms_fills = f.Account.Fills,
                deposits = f.Account.Deposits,
                oms_equity = f.Account.Equity,
                report_equity = DemoReport.FinalEquity(f),
                pnl = f.Account.Pnl,
                max_drawdown = double.IsFinite(f.MaxDrawdown) ? f.MaxDrawdown : (double?)null,
                sharpe = double.IsFinite(f.Sharpe) ? f.Sharpe : (double?)null,
                equity_points = f.Equity.Count,
            }),
        }, Indented);
    }
}
