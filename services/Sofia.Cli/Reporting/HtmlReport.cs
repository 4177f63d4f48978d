using System.Globalization;
using System.Net;
using System.Text;
using Sofia.Cli.Output;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Reporting;

/// <summary>A self-contained HTML report of a backtest: summary table, equity and drawdown charts (inline SVG), trade list.</summary>
internal static class HtmlReport
{
    private const int MaxTradeRows = 10_000;

    public static string Render(BacktestResult result, StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        var title = $"Backtest: {result.Strategy} on {string.Join(", ", result.Symbols)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}</style>\n");
        html.Append("</head>\n<body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(title)}</h1>\n");
        html.Append("<table class=\"summary\">\n");
        foreach (var (name, value) in SummaryTable.Rows(result, parameters))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td>{Encode(value)}</td></tr>\n");
        }

        html.Append("</table>\n");
        var equity = new List<(double, double)>(result.EquityCurve.Count);
        var drawdown = new List<(double, double)>(result.EquityCurve.Count);
        foreach (var point in result.EquityCurve)
        {
            equity.Add((point.TimeUs, point.Equity));
            drawdown.Add((point.TimeUs, -point.Drawdown));
        }

        html.Append("<h2>Equity</h2>\n<div class=\"chart\" id=\"equity\">")
            .Append(SvgLineChart.Render(equity, "Equity (quote currency)", v => v.ToString("N0", CultureInfo.InvariantCulture), TimeLabel))
            .Append("</div>\n");
        html.Append("<h2>Drawdown</h2>\n<div class=\"chart\" id=\"drawdown\">")
            .Append(SvgLineChart.Render(drawdown, "Drawdown from the running peak", v => Formats.Percent(v), TimeLabel, "#d62728"))
            .Append("</div>\n");
        AppendTrades(html, result);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTrades(StringBuilder html, BacktestResult result)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Trades ({result.Trades.Count})</h2>\n");
        html.Append("<table class=\"trades\">\n<tr><th>#</th><th>symbol</th><th>entry (UTC)</th><th>exit (UTC)</th><th>quantity</th><th>entry price</th><th>exit price</th><th>PnL after fees</th></tr>\n");
        var rows = Math.Min(result.Trades.Count, MaxTradeRows);
        for (var i = 0; i < rows; i++)
        {
            var t = result.Trades[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i + 1}</td><td>{Encode(t.Symbol)}</td><td>{Formats.Time(t.EntryTimeUs)}</td><td>{Formats.Time(t.ExitTimeUs)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Formats.Quantity(t.Quantity)}</td><td>{Formats.Money(t.EntryPrice)}</td><td>{Formats.Money(t.ExitPrice)}</td><td>{Formats.Money(t.Pnl)}</td></tr>\n");
        }

        html.Append("</table>\n");
        if (result.Trades.Count > rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>First {rows} of {result.Trades.Count} trades shown.</p>\n");
        }
    }

    private static string TimeLabel(double timeUs) => Formats.Time((long)timeUs);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
