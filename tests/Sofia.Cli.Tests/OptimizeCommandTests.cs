using System.Globalization;
using System.Text.Json;
using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Validation;
using Sofia.Testing;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Tests;

[TestFixture]
public sealed class OptimizeCommandTests
{
    private static readonly string[] BothMethods = ["bayesian", "genetic"];

    private static string Btc => ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv");

    [Test]
    public async Task Json_reports_the_top_three_sets_per_strategy_and_symbol_with_their_out_of_sample_figures()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("optimize", "--method", "both", "--trials", "12", "--strategies", "trend", "--data", Btc, "--folds", "3", "--seed", "5", "--permutations", "100", "--json");

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var study = json.RootElement.GetProperty("studies").EnumerateArray().Single();
        Assert.That(study.GetProperty("strategy").GetString(), Is.EqualTo("trend"));
        Assert.That(study.GetProperty("symbol").GetString(), Is.EqualTo("BTC-USDT"));
        Assert.That(study.GetProperty("trials").GetInt32(), Is.EqualTo(24), "both = 12 bayesian + 12 genetic trials");
        var winners = study.GetProperty("winners").EnumerateArray().ToArray();
        Assert.That(winners, Has.Length.EqualTo(3));
        var scores = winners.Select(w => w.GetProperty("score").GetDouble()).ToArray();
        Assert.That(scores, Is.Ordered.Descending);

        // The reported figures are those of an independent evaluation of the reported parameters.
        var bars = BarFileReader.ReadAll(Btc);
        var objective = new StrategyObjective(TrendStrategy.Descriptor, "BTC-USDT", bars, WalkForward.ForFolds(bars.Length, 3).Folds(bars.Length), new ObjectiveSettings());
        var best = winners[0];
        var text = best.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var parameters = TrendStrategy.Descriptor.Parameters.Bind(text);
        var values = TrendStrategy.Descriptor.Parameters.Select(p => parameters[p.Name]).ToArray();
        var evaluation = objective.Evaluate(values);
        Assert.That(best.GetProperty("score").GetDouble(), Is.EqualTo(evaluation.Score).Within(1e-9));
        Assert.That(best.GetProperty("oos_trades").GetInt32(), Is.EqualTo(evaluation.Metrics!.Trades));
        Assert.That(best.GetProperty("oos_max_drawdown").GetDouble(), Is.EqualTo(evaluation.Metrics.MaxDrawdown).Within(1e-12));
        Assert.That(best.GetProperty("meets_criteria").GetBoolean(), Is.EqualTo(evaluation.Metrics.Mar > 0.5 && evaluation.Metrics.Sharpe > 1.2 && evaluation.Metrics.MaxDrawdown < 0.10));
        Assert.That(study.GetProperty("verdict").GetString(), Does.StartWith("trend on BTC-USDT: the best set "));

        var bestPerMethod = study.GetProperty("best_per_method").EnumerateArray().ToArray();
        Assert.That(bestPerMethod.Select(b => b.GetProperty("method").GetString()), Is.EqualTo(BothMethods));
        Assert.That(bestPerMethod.Max(b => b.GetProperty("score").GetDouble()), Is.EqualTo(scores[0]), "the overall winner is the better of the two methods' best");

        // No reported Pareto set is dominated by another reported one (MAR, Sharpe, PF; null = −∞).
        var front = study.GetProperty("pareto_front").EnumerateArray().Select(p => new[] { Value(p, "oos_mar"), Value(p, "oos_sharpe"), Value(p, "oos_profit_factor") }).ToArray();
        foreach (var a in front)
        {
            Assert.That(front.Any(b => b.Zip(a).All(x => x.First >= x.Second) && b.Zip(a).Any(x => x.First > x.Second)), Is.False);
        }
    }

    private static double Value(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Number ? element.GetProperty(name).GetDouble() : double.NegativeInfinity;

    [Test]
    public async Task Same_seed_gives_the_same_result_and_another_seed_another()
    {
        string[] args = ["optimize", "--method", "bayesian", "--trials", "12", "--data", Btc, "--folds", "2", "--permutations", "50", "--json"];
        var first = await CliRun.RunAsync([.. args, "--seed", "1"]);
        var again = await CliRun.RunAsync([.. args, "--seed", "1", "--parallelism", "1"]);
        var other = await CliRun.RunAsync([.. args, "--seed", "2"]);

        Assert.That(first.Code, Is.Zero, first.Error);
        Assert.That(again.Out, Is.EqualTo(first.Out));
        Assert.That(other.Out, Is.Not.EqualTo(first.Out));
    }

    [Test]
    public async Task Default_output_is_a_table_with_a_verdict_and_progress_goes_to_stderr()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("optimize", "--method", "random", "--trials", "8", "--data", Btc, "--folds", "2", "--permutations", "50");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("OOS MAR").And.Contain("p-value").And.Contain("DSR").And.Contain("trend on BTC-USDT: the best set"));
        Assert.That(stderr, Does.Contain("trend BTC-USDT random: trial 8/8, best score ").And.Contain("ETA"));
    }

    [TestCase("--method", "annealing", "annealing")]
    [TestCase("--trials", "0", "--trials must be at least 1 (got 0).")]
    [TestCase("--strategies", "nope", "Unknown strategy 'nope'")]
    [TestCase("--strategies", "pairs", "handles single-symbol strategies")]
    [TestCase("--symbols", "ETH-USDT", "No --data file for symbol ETH-USDT")]
    [TestCase("--folds", "40000", "--folds 40000 does not fit the data")]
    [TestCase("--validation", "shuffle", "shuffle")]
    [TestCase("--holdout", "0.6", "--holdout must be at least 0 and below 0.5 (got 0.6).")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_exit_code_2(string option, string value, string message)
    {
        string[] trials = option == "--trials" ? [] : ["--trials", "4"];
        var (code, stdout, stderr) = await CliRun.RunAsync(["optimize", "--data", Btc, .. trials, "--symbols", "BTC-USDT", option, value]);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task A_holdout_keeps_the_last_bars_out_of_the_search_and_judges_the_winners_on_them()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("optimize", "--method", "random", "--trials", "8", "--data", Btc, "--folds", "3", "--holdout", "0.2", "--permutations", "50", "--json");

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var best = json.RootElement.GetProperty("studies")[0].GetProperty("winners")[0];
        // 66 087 bars: ⌊66 087 · 0.2⌋ = 13 217 held out; the search's 3 folds tile the first 52 870: test = ⌊52 870 / 5⌋ = 10 574.
        Assert.That(best.GetProperty("holdout_bars").GetInt32(), Is.EqualTo(13_217));
        Assert.That(best.GetProperty("oos_bars").GetInt32(), Is.EqualTo(3 * 10_574));
        Assert.That(best.TryGetProperty("holdout_meets_criteria", out _), Is.True);
    }

    [Test]
    public async Task Missing_data_file_is_refused()
    {
        var (code, _, stderr) = await CliRun.RunAsync("optimize", "--data", "/nonexistent/BTC_USDT-1m.csv");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Purged_k_fold_validation_runs_from_the_command_line()
    {
        var (code, stdout, stderr) = await CliRun.RunAsync("optimize", "--method", "grid", "--trials", "8", "--data", Btc, "--validation", "purged-kfold", "--folds", "3", "--embargo", "120", "--permutations", "50", "--json");

        Assert.That(code, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var best = json.RootElement.GetProperty("studies")[0].GetProperty("winners")[0];
        Assert.That(best.GetProperty("oos_bars").GetInt32(), Is.EqualTo(BarFileReader.ReadAll(Btc).Length), "k-fold tests every bar once");
        Assert.That(json.RootElement.GetProperty("validation").GetString(), Is.EqualTo("purged-kfold"));
        Assert.That(best.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture), Is.EqualTo("1"));
    }
}
