using System.Globalization;
using System.Text.Json;
using Sofia.Cli.Output;
using Sofia.Optimization.Reporting;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary>The final table (or JSON) of <c>sofia optimize</c>: per strategy × symbol the top three sets, their out-of-sample figures, guards and verdict.</summary>
internal static class OptimizeOutput
{
    public static void WriteTables(IAnsiConsole console, OptimizeRequest request, IReadOnlyList<(StudySummary Summary, IReadOnlyDictionary<TrialRecord, SearchAlgorithm> Methods)> studies)
    {
        console.Profile.Width = Math.Max(console.Profile.Width, 180);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Out-of-sample results: {request.Validation}, {request.Folds} folds, {request.Trials} trials per method, seed {request.Seed}."));
        foreach (var (summary, methods) in studies)
        {
            var table = new Table().AddColumns("#", "method", "parameters", "score", "OOS MAR", "Sharpe", "max DD", "PF", "trades", "p-value", "DSR", "holdout MAR / Sharpe / DD", "criteria");
            foreach (var w in summary.Winners)
            {
                var m = w.Metrics;
                table.AddRow(
                    w.Rank.ToString(CultureInfo.InvariantCulture),
                    OptimizeHandler.Name(methods[w.Record]),
                    Markup.Escape(w.Parameters.ToString()),
                    w.Record.Score.ToString("0.###", CultureInfo.InvariantCulture),
                    Formats.Ratio(m.Mar),
                    Formats.Ratio(m.Sharpe),
                    Formats.Percent(m.MaxDrawdown),
                    Formats.Ratio(m.ProfitFactor),
                    m.Trades.ToString(CultureInfo.InvariantCulture),
                    w.PValue.ToString("0.###", CultureInfo.InvariantCulture),
                    Formats.Ratio(w.DeflatedSharpe),
                    w.Holdout is { } h ? $"{Formats.Ratio(h.Mar)} / {Formats.Ratio(h.Sharpe)} / {Formats.Percent(h.MaxDrawdown)}" : "-",
                    w.Promotable ? "pass, promotable" : w.MeetsCriteria ? "met, guards fail" : "not met");
            }

            console.Write(new Rule(Markup.Escape($"{summary.Strategy} · {summary.Symbol} · {summary.Trials.Count} trials")) { Justification = Justify.Left });
            console.Write(table);
            foreach (var (method, best) in BestPerMethod(summary, methods))
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best of {OptimizeHandler.Name(method)}: trial {best.Trial.Number}, score {best.Score:0.###}"));
            }

            console.WriteLine(summary.Verdict);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Pareto front (MAR, Sharpe, PF) of feasible trials: {summary.ParetoFront.Count} set(s)."));
            console.WriteLine();
        }
    }

    public static void WriteJson(TextWriter output, OptimizeRequest request, IReadOnlyList<(StudySummary Summary, IReadOnlyDictionary<TrialRecord, SearchAlgorithm> Methods)> studies)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("validation", request.Validation);
            json.WriteNumber("folds", request.Folds);
            json.WriteNumber("trials_per_method", request.Trials);
            json.WriteNumber("seed", request.Seed);
            json.WriteStartArray("studies");
            foreach (var (summary, methods) in studies)
            {
                json.WriteStartObject();
                json.WriteString("strategy", summary.Strategy);
                json.WriteString("symbol", summary.Symbol);
                json.WriteNumber("trials", summary.Trials.Count);
                json.WriteString("verdict", summary.Verdict);
                json.WriteStartArray("best_per_method");
                foreach (var (method, best) in BestPerMethod(summary, methods))
                {
                    json.WriteStartObject();
                    json.WriteString("method", OptimizeHandler.Name(method));
                    json.WriteNumber("trial", best.Trial.Number);
                    Number(json, "score", best.Score);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("pareto_front");
                foreach (var record in summary.ParetoFront)
                {
                    var m = record.Evaluation.Metrics!;
                    json.WriteStartObject();
                    json.WriteString("method", OptimizeHandler.Name(methods[record]));
                    json.WriteNumber("trial", record.Trial.Number);
                    Number(json, "score", record.Score);
                    Number(json, "oos_mar", m.Mar);
                    Number(json, "oos_sharpe", m.Sharpe);
                    Number(json, "oos_profit_factor", m.ProfitFactor);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("winners");
                foreach (var w in summary.Winners)
                {
                    WriteWinner(json, w, methods[w.Record]);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The best trial of each method that ran ("both" keeps the best of Bayesian and of genetic), in run order.</summary>
    private static IEnumerable<(SearchAlgorithm Method, TrialRecord Best)> BestPerMethod(StudySummary summary, IReadOnlyDictionary<TrialRecord, SearchAlgorithm> methods) =>
        summary.Trials
            .GroupBy(t => methods[t])
            .Select(g => (g.Key, g.OrderByDescending(t => t.Score).ThenBy(t => t.Trial.Number).First()));

    private static void WriteWinner(Utf8JsonWriter json, Winner w, SearchAlgorithm method)
    {
        json.WriteStartObject();
        json.WriteNumber("rank", w.Rank);
        json.WriteString("method", OptimizeHandler.Name(method));
        json.WriteNumber("trial", w.Record.Trial.Number);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in w.Parameters.Describe())
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        Number(json, "score", w.Record.Score);
        json.WriteBoolean("feasible", w.Record.Evaluation.Feasible);
        json.WriteString("infeasible_reason", w.Record.Evaluation.Reason);
        var m = w.Metrics;
        Number(json, "oos_mar", m.Mar);
        Number(json, "oos_sharpe", m.Sharpe);
        Number(json, "oos_max_drawdown", m.MaxDrawdown);
        Number(json, "oos_profit_factor", m.ProfitFactor);
        Number(json, "oos_cagr", m.Cagr);
        Number(json, "oos_total_return", m.TotalReturn);
        json.WriteNumber("oos_trades", m.Trades);
        json.WriteNumber("oos_bars", m.Periods);
        Number(json, "in_sample_sharpe", m.InSampleSharpe);
        Number(json, "p_value", w.PValue);
        Number(json, "deflated_sharpe", w.DeflatedSharpe);
        json.WriteBoolean("meets_criteria", w.MeetsCriteria);
        json.WriteStartArray("criteria_failures");
        foreach (var failure in w.Failures)
        {
            json.WriteStringValue(failure);
        }

        json.WriteEndArray();
        if (w.Holdout is { } held)
        {
            Number(json, "holdout_mar", held.Mar);
            Number(json, "holdout_sharpe", held.Sharpe);
            Number(json, "holdout_max_drawdown", held.MaxDrawdown);
            Number(json, "holdout_profit_factor", held.ProfitFactor);
            json.WriteNumber("holdout_trades", held.Trades);
            json.WriteNumber("holdout_bars", held.Periods);
            json.WriteBoolean("holdout_meets_criteria", w.HoldoutFailures.Count == 0);
        }

        json.WriteBoolean("promotable", w.Promotable);
        json.WriteEndObject();
    }

    /// <summary>JSON has no NaN or infinity: those are written as null.</summary>
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
}
