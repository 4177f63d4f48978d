using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Validation;
using Sofia.Trading;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Commands;

/// <summary>
/// Hidden <c>sofia optimize bench</c>: wall time (and process CPU time, which shows how many cores really worked on a
/// shared machine) of a TPE study of the trend strategy (trials × walk-forward folds) on a
/// bar file loaded in memory, on every core and on one, as JSON lines on stdout (medians of the runs); checks that both
/// give the same trials. Progress goes to stderr.
/// </summary>
internal static class OptimizeBenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "1-minute bar file", Required = true };
        var trials = new Option<int>("--trials") { Description = "Trials per study", DefaultValueFactory = _ => 200 };
        var folds = new Option<int>("--folds") { Description = "Walk-forward folds", DefaultValueFactory = _ => 5 };
        var runs = new Option<int>("--runs") { Description = "Measured runs (median reported)", DefaultValueFactory = _ => 3 };
        var command = new Command("bench", "Optimizer benchmark (JSON lines on stdout).") { data, trials, folds, runs };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(data)!;
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"error: Data file '{path}' does not exist.");
                return ExitCodes.BadInput;
            }

            var bars = BarFileReader.ReadAll(path);
            var n = Math.Max(1, parse.GetValue(trials));
            var k = Math.Max(1, parse.GetValue(folds));
            var objective = new StrategyObjective(TrendStrategy.Descriptor, BarLoader.SymbolOf(path), bars, WalkForward.ForFolds(bars.Length, k).Folds(bars.Length), new ObjectiveSettings());
            var cores = Environment.ProcessorCount;
            await error.WriteLineAsync($"optimize bench: {bars.Length} bars, trend, TPE, {n} trials x {k} folds, {cores} cores");
            await RunAsync(objective, n, cores, cancellationToken);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var measuredRuns = Math.Max(1, parse.GetValue(runs));
            var (allCores, records) = await MedianAsync(objective, n, cores, measuredRuns, error, cancellationToken);
            process.Refresh();
            var cpuPerRun = (process.TotalProcessorTime - cpuBefore).TotalSeconds / measuredRuns;
            var (oneCore, single) = await MedianAsync(objective, n, 1, 1, error, cancellationToken);
            var same = records.Select(r => (r.Trial.Number, string.Join(',', r.Trial.Values), r.Score))
                .SequenceEqual(single.Select(r => (r.Trial.Number, string.Join(',', r.Trial.Values), r.Score)));
            await error.WriteLineAsync($"optimize bench: best score {records.Max(r => r.Score):0.###}; same trials on 1 and {cores} cores: {same}");
            var barSteps = (double)n * objective.BarsPerTrial;
            await output.WriteLineAsync(Figure($"trend_{n}x{k}_wall_s", allCores, "s"));
            await output.WriteLineAsync(Figure("trials_per_s", n / allCores, "trials/s"));
            await output.WriteLineAsync(Figure("backtest_bars_per_s", barSteps / allCores, "bars/s"));
            await output.WriteLineAsync(Figure($"trend_{n}x{k}_cpu_s", cpuPerRun, "s"));
            await output.WriteLineAsync(Figure($"trend_{n}x{k}_wall_s_1_core", oneCore, "s"));
            await output.WriteLineAsync(Figure("cores", cores, "cores"));
            await output.WriteLineAsync(Figure("same_trials_on_1_and_all_cores", same ? 1 : 0, "bool"));
            return same ? ExitCodes.Success : 1;
        });
        return command;
    }

    private static async Task<(double Seconds, IReadOnlyList<TrialRecord> Records)> MedianAsync(StrategyObjective objective, int trials, int cores, int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var seconds = new double[runs];
        IReadOnlyList<TrialRecord> records = [];
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            records = await RunAsync(objective, trials, cores, cancellationToken);
            seconds[r] = clock.Elapsed.TotalSeconds;
            await log.WriteLineAsync($"optimize bench: {cores} core(s), run {r + 1}: {seconds[r]:0.00} s");
        }

        Array.Sort(seconds);
        return (seconds[runs / 2], records);
    }

    private static Task<IReadOnlyList<TrialRecord>> RunAsync(StrategyObjective objective, int trials, int cores, CancellationToken cancellationToken) =>
        StudyRunner.RunAsync(new TpeSearch(objective.Strategy.Parameters, 42), trials, StudyRunner.DefaultBatchSize, StudyRunner.Parallel(t => objective.Evaluate(t.Values), cores), null, null, cancellationToken);

    private static string Figure(string metric, double value, string unit) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["suite"] = "optimize",
        ["metric"] = metric,
        ["value"] = Math.Round(value, 3),
        ["unit"] = unit,
        ["client"] = "sofia",
    });
}
