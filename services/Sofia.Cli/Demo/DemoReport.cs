using System.Globalization;
using System.Net;
using System.Text;
using Sofia.Cli.Output;
using Sofia.Cli.Reporting;

namespace Sofia.Cli.Demo;

/// <summary>
/// The demo's self-contained HTML report: the run, a summary row per strategy, each strategy's equity and drawdown
/// (inline SVG, the backtest report's chart) and its trades as the bus carried them.
/// </summary>
internal static class DemoReport
{
    private const int MaxTradeRows = 500;
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

    public static string Render(DemoResult result)
    {
        var html = new StringBuilder();
        const string title = "Sofia demo";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{title}</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}</style>\n");
        html.Append("</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{title}</h1>\n");
        AppendRun(html, result);
        html.Append("<h2>Strategies</h2>\n<table class=\"summary\">\n<tr>");
        foreach (var column in DemoSummary.Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{Encode(column)}</th>");
        }

        html.Append("</tr>\n");
        foreach (var figures in result.Strategies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-strategy=\"{Encode(figures.Strategy)}\" data-final-equity=\"{FinalEquity(figures).ToString(CultureInfo.InvariantCulture)}\">");
            foreach (var cell in DemoSummary.Row(figures))
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Encode(cell)}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n<p>rejected: orders the risk checks refused. Sharpe is annualized from the equity samples and shown from half a day of exchange time on. Equity curves are the final deposits plus the PnL so far (a strategy's book on a second market opens later with its own deposit).</p>\n");
        for (var i = 0; i < result.Strategies.Count; i++)
        {
            AppendStrategy(html, result.Strategies[i], Colors[i % Colors.Length]);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The last point of the equity curve drawn: the OMS's final account.</summary>
    public static decimal FinalEquity(StrategyFigures figures) => figures.Equity.Count > 0 ? figures.Equity[^1].Equity : figures.Account.Equity;

    private static void AppendRun(StringBuilder html, DemoResult result)
    {
        var o = result.Options;
        var t = result.Tape;
        html.Append("<table class=\"run\">\n");
        Row("services", string.Join(", ", result.ServicesRun));
        Row("bus", o.NatsUrl is null ? "in process" : o.NatsUrl.ToString());
        Row("markets", $"{string.Join(", ", o.Symbols)} on {string.Join(", ", o.Exchanges)} (simulated, seed {o.Seed.ToString(CultureInfo.InvariantCulture)})");
        Row("real time", $"{result.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s at {o.Speed.ToString("G", CultureInfo.InvariantCulture)}× speed");
        Row("exchange time", $"{Formats.Time(t.FirstTickTimeUs)} → {Formats.Time(t.LastTickTimeUs)} UTC");
        Row("ticks", t.Ticks.ToString(CultureInfo.InvariantCulture));
        Row("1-minute bars", $"{t.Bars.ToString(CultureInfo.InvariantCulture)} closed on the tick stream, {result.CandlesStored.ToString(CultureInfo.InvariantCulture)} candles stored by the tick writer");
        Row("kill switch", result.Oms.KillSwitch ? $"engaged: {result.Oms.KillSwitchReason}" : "off");
        html.Append("</table>\n");

        void Row(string name, string value) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td>{Encode(value)}</td></tr>\n");
    }

    private static void AppendStrategy(StringBuilder html, StrategyFigures figures, string color)
    {
        var id = Encode(figures.Strategy);
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"strategy\" id=\"strategy-{id}\">\n<h2>{id}</h2>\n");
        var equity = new List<(double, double)>(figures.Equity.Count);
        var drawdown = new List<(double, double)>(figures.Equity.Count);
        var peak = 0m;
        foreach (var (timeUs, value) in figures.Equity)
        {
            peak = Math.Max(peak, value);
            equity.Add((timeUs, (double)value));
            drawdown.Add((timeUs, peak > 0 ? -(double)((peak - value) / peak) : 0));
        }

        html.Append("<div class=\"chart equity\">")
            .Append(SvgLineChart.Render(equity, $"{figures.Strategy}: equity (quote currency)", v => v.ToString("N0", CultureInfo.InvariantCulture), TimeLabel, color))
            .Append("</div>\n<div class=\"chart drawdown\">")
            .Append(SvgLineChart.Render(drawdown, $"{figures.Strategy}: drawdown from the running peak", Formats.Percent, TimeLabel, "#d62728", height: 160))
            .Append("</div>\n");
        var trades = figures.Tally.Trades;
        html.Append(CultureInfo.InvariantCulture, $"<h3>Trades ({figures.Tally.Fills.ToString(CultureInfo.InvariantCulture)} fills)</h3>\n");
        html.Append("<table class=\"trades\">\n<tr><th>time (UTC)</th><th>market</th><th>side</th><th>quantity</th><th>price</th><th>fee</th></tr>\n");
        var rows = Math.Min(trades.Count, MaxTradeRows);
        for (var i = trades.Count - rows; i < trades.Count; i++)
        {
            var trade = trades[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{TimeLabel(trade.TimeUs)}</td><td>{Encode($"{trade.Exchange}:{trade.Symbol}")}</td><td>{trade.Side}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Formats.Quantity(trade.Quantity)}</td><td>{Formats.Money(trade.Price)}</td><td>{Formats.Money(trade.Fee)}</td></tr>\n");
        }

        html.Append("</table>\n");
        if (figures.Tally.Fills > rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Last {rows.ToString(CultureInfo.InvariantCulture)} of {figures.Tally.Fills.ToString(CultureInfo.InvariantCulture)} fills shown.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static string TimeLabel(double timeUs) => Formats.Time((long)timeUs);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
