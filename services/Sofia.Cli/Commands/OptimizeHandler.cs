using Sofia.Optimization.Evaluation;
using Sofia.Optimization.Reporting;
using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Optimization.Validation;
using Sofia.Trading;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;

namespace Sofia.Cli.Commands;

/// <summary>
/// Runs <c>sofia optimize</c> in-process: loads and checks every data file, then for each strategy × symbol runs
/// each method's study (trials evaluated in parallel, out of sample only), picks and tests the winners, and prints a
/// table (or JSON). Progress goes to stderr. Bad input is one line on stderr and exit code 2.
/// </summary>
internal sealed class OptimizeHandler(TextWriter output, TextWriter error, bool interactive)
{
    public async Task<int> RunAsync(OptimizeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is CliInputException or StrategyParameterException or BarDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>The validation folds <paramref name="request"/> asks for over <paramref name="bars"/> bars.</summary>
    public static IReadOnlyList<Fold> Folds(OptimizeRequest request, int bars)
    {
        try
        {
            IFoldScheme scheme = request.Validation switch
            {
                OptimizeCommand.PurgedKFold => new PurgedKFold(request.Folds, request.Embargo, request.Embargo),
                OptimizeCommand.Anchored => WalkForward.ForFolds(bars, request.Folds) with { Anchored = true },
                _ => WalkForward.ForFolds(bars, request.Folds),
            };
            return scheme.Folds(bars);
        }
        catch (ArgumentException e)
        {
            throw new CliInputException($"--folds {request.Folds} does not fit the data: {e.Message}");
        }
    }

    private async Task<int> ExecuteAsync(OptimizeRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var descriptors = request.Strategies.Select(StrategyRegistry.Get).ToArray();
        foreach (var descriptor in descriptors.Where(d => d.SymbolCount != 1))
        {
            throw new CliInputException($"Strategy '{descriptor.Name}' trades {descriptor.SymbolCount} symbols; sofia optimize handles single-symbol strategies.");
        }

        var markets = LoadMarkets(request);
        var settings = new ObjectiveSettings
        {
            Backtest = new BacktestOptions { InitialCapital = request.Capital, Mode = request.Mode, FeeBps = request.FeeBps },
        };
        var studies = new List<(StudySummary Summary, IReadOnlyDictionary<TrialRecord, SearchAlgorithm> Methods)>();
        using var progress = new OptimizeProgress(error, interactive);
        foreach (var descriptor in descriptors)
        {
            foreach (var (symbol, all) in markets)
            {
                var holdout = Holdout.Last(all.Length, request.Holdout, 0);
                var bars = holdout is null ? all : all[..holdout.Start];
                var folds = Folds(request, bars.Length);
                var objective = new StrategyObjective(descriptor, symbol, bars, folds, settings);
                var held = holdout is null
                    ? null
                    : new StrategyObjective(descriptor, symbol, all, [(holdout with { WarmUp = Math.Min(holdout.Start, 2 * folds.Max(f => f.Test.Length)) }).Fold], settings);
                var trials = new List<TrialRecord>();
                var methods = new Dictionary<TrialRecord, SearchAlgorithm>(ReferenceEqualityComparer.Instance);
                foreach (var method in request.Methods)
                {
                    var search = ParameterSearch.Create(method, descriptor.Parameters, ParameterSearch.SeedFor(request.Seed, method), request.Trials);
                    var records = await StudyRunner.RunAsync(
                        search,
                        request.Trials,
                        request.BatchSize,
                        StudyRunner.Parallel(t => objective.Evaluate(t.Values), request.Parallelism),
                        progress.Begin($"{descriptor.Name} {symbol} {Name(method)}"),
                        null,
                        cancellationToken);
                    foreach (var record in records)
                    {
                        methods[record] = method;
                    }

                    trials.AddRange(records);
                }

                var winners = new WinnerOptions { Permutations = request.Permutations, Seed = request.Seed };
                studies.Add((WinnerSelection.Summarize(objective, trials, winners, held), methods));
            }
        }

        progress.Dispose();
        if (request.Json)
        {
            OptimizeOutput.WriteJson(output, request, studies);
        }
        else
        {
            OptimizeOutput.WriteTables(CliConsole.Over(output, interactive), request, studies);
        }

        return ExitCodes.Success;
    }

    public static string Name(SearchAlgorithm method) => method.ToString().ToLowerInvariant();

    private static void Validate(OptimizeRequest request)
    {
        if (request.Trials < 1)
        {
            throw new CliInputException($"--trials must be at least 1 (got {request.Trials}).");
        }

        if (request.Folds < (request.Validation == OptimizeCommand.PurgedKFold ? 2 : 1))
        {
            throw new CliInputException($"--folds must be at least {(request.Validation == OptimizeCommand.PurgedKFold ? 2 : 1)} for {request.Validation} (got {request.Folds}).");
        }

        if (request.Holdout is < 0 or >= 0.5 || double.IsNaN(request.Holdout))
        {
            throw new CliInputException($"--holdout must be at least 0 and below 0.5 (got {request.Holdout.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        if (request.Embargo < 0 || request.Parallelism < 1 || request.Permutations < 0)
        {
            throw new CliInputException("--embargo and --permutations must not be negative; --parallelism must be at least 1.");
        }

        if (request.Capital <= 0m || request.FeeBps < 0m)
        {
            throw new CliInputException("--capital must be positive; --fee-bps must not be negative.");
        }

        if (request.Strategies.Count == 0)
        {
            throw new CliInputException("--strategies needs at least one strategy name.");
        }
    }

    private static List<(string Symbol, Bar[] Bars)> LoadMarkets(OptimizeRequest request)
    {
        var bySymbol = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in request.DataFiles)
        {
            BarLoader.RequireFile(file);
            if (!bySymbol.TryAdd(BarLoader.SymbolOf(file), file))
            {
                throw new CliInputException($"Two --data files are for {BarLoader.SymbolOf(file)}.");
            }
        }

        var wanted = request.Symbols.Count > 0 ? request.Symbols : [.. bySymbol.Keys];
        var markets = new List<(string, Bar[])>(wanted.Count);
        foreach (var symbol in wanted)
        {
            var file = bySymbol.TryGetValue(symbol, out var named)
                ? named
                : request.Symbols.Count == 1 && request.DataFiles.Count == 1
                    ? request.DataFiles[0]
                    : throw new CliInputException($"No --data file for symbol {symbol} (files are named like BTC_USDT-1m_….csv; have: {string.Join(", ", bySymbol.Keys)}).");
            markets.Add((symbol, BarLoader.LoadChecked(file)));
        }

        return markets;
    }
}
