using System.Text;
using System.Text.Json;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Output;

/// <summary>The metrics of a backtest as one JSON object (snake_case; NaN and infinities as null; money as numbers).</summary>
internal static class MetricsJson
{
    public static void Write(TextWriter output, BacktestResult result, StrategyParameters parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var s = result.Summary;
            json.WriteStartObject();
            json.WriteString("strategy", result.Strategy);
            json.WriteStartObject("parameters");
            foreach (var (name, value) in parameters.Describe())
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("symbols");
            foreach (var symbol in result.Symbols)
            {
                json.WriteStringValue(symbol);
            }

            json.WriteEndArray();
            json.WriteString("mode", result.Mode == TradingMode.LongOnly ? "long-only" : "long-short");
            json.WriteNumber("bars", result.Bars);
            json.WriteString("first_bar", Time(result.FirstBarTimeUs));
            json.WriteString("last_bar", Time(result.LastBarTimeUs));
            json.WriteNumber("periods_per_year", s.PeriodsPerYear);
            json.WriteNumber("initial_capital", result.InitialCapital);
            json.WriteNumber("final_equity", result.FinalEquity);
            Number(json, "total_return", s.TotalReturn);
            Number(json, "cagr", s.Cagr);
            Number(json, "annual_volatility", s.AnnualVolatility);
            Number(json, "sharpe", s.Sharpe);
            Number(json, "sortino", s.Sortino);
            Number(json, "calmar", s.Calmar);
            Number(json, "max_drawdown", s.Drawdown.MaxDrawdown);
            json.WriteNumber("max_drawdown_duration_bars", s.Drawdown.DurationPeriods);
            json.WriteNumber("longest_drawdown_bars", s.Drawdown.LongestDurationPeriods);
            Number(json, "exposure", s.Exposure);
            Number(json, "turnover", s.Turnover);
            json.WriteNumber("fees_paid", result.FeesPaid);
            json.WriteNumber("traded_notional", result.TradedNotional);
            json.WriteNumber("orders", result.Orders);
            json.WriteNumber("fills", result.Fills);
            json.WriteStartObject("trades");
            json.WriteNumber("count", s.Trades.Count);
            json.WriteNumber("wins", s.Trades.Wins);
            json.WriteNumber("losses", s.Trades.Losses);
            Number(json, "win_rate", s.Trades.WinRate);
            Number(json, "profit_factor", s.Trades.ProfitFactor);
            Number(json, "payoff_ratio", s.Trades.PayoffRatio);
            json.WriteNumber("net_pnl", s.Trades.NetPnl);
            json.WriteNumber("expectancy", s.Trades.Expectancy);
            json.WriteEndObject();
            json.WriteStartArray("final_positions");
            foreach (var position in result.FinalPositions)
            {
                json.WriteNumberValue(position);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Time(long timeUs) => DateTime.UnixEpoch.AddTicks(timeUs * 10).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
