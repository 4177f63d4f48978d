using System.CommandLine;
using Sofia.Optimization.Search;
using Sofia.Trading.Backtesting;

namespace Sofia.Cli.Commands;

/// <summary>Declares <c>sofia optimize</c> and maps its options to an <see cref="OptimizeRequest"/>.</summary>
internal static class OptimizeCommand
{
    public const string WalkForward = "walk-forward";
    public const string Anchored = "anchored";
    public const string PurgedKFold = "purged-kfold";

    public static Command Create(TextWriter output, TextWriter error, bool interactive)
    {
        var method = new Option<string>("--method") { Description = "bayesian (TPE), genetic, both (bayesian and genetic), random or grid", DefaultValueFactory = _ => "both" };
        method.AcceptOnlyFromAmong("bayesian", "genetic", "both", "random", "grid");
        var trials = new Option<int>("--trials") { Description = "Trials per method, strategy and symbol", DefaultValueFactory = _ => 100 };
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols to optimize (each needs a --data file named after it); default: every --data file", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var strategies = new Option<string[]>("--strategies") { Description = "Strategy names (see 'sofia strategies')", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["trend"] };
        var data = new Option<string[]>("--data") { Description = "1-minute bar file per symbol (CSV, Binance kline CSV or freqtrade JSON); symbol from the file name", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int>("--folds") { Description = "Validation folds", DefaultValueFactory = _ => 5 };
        var validation = new Option<string>("--validation") { Description = "walk-forward (rolling, train = 2 × test), anchored, or purged-kfold", DefaultValueFactory = _ => WalkForward };
        validation.AcceptOnlyFromAmong(WalkForward, Anchored, PurgedKFold);
        var embargo = new Option<int>("--embargo") { Description = "purged-kfold: bars purged before and embargoed after each test block", DefaultValueFactory = _ => 240 };
        var holdout = new Option<double>("--holdout") { Description = "Fraction of the data (at the end, below 0.5) no trial sees; the winners are judged on it too", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed gives the same trials", DefaultValueFactory = _ => 42 };
        var mode = new Option<string>("--mode") { Description = "long-only or long-short", DefaultValueFactory = _ => "long-only" };
        mode.AcceptOnlyFromAmong("long-only", "long-short");
        var fee = new Option<decimal>("--fee-bps") { Description = "Fee per fill, basis points of notional", DefaultValueFactory = _ => 10m };
        var capital = new Option<decimal>("--capital") { Description = "Starting cash of every test window", DefaultValueFactory = _ => 10_000m };
        var parallelism = new Option<int>("--parallelism") { Description = "Threads evaluating trials (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var permutations = new Option<int>("--permutations") { Description = "Permutations of the winners' permutation test", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout and nothing else" };
        var command = new Command("optimize", "Search strategy parameters, validated out of sample, and report the winners.")
        {
            method, trials, symbols, strategies, data, folds, validation, embargo, holdout, seed, mode, fee, capital, parallelism, permutations, json,
        };
        command.Subcommands.Add(OptimizeBenchCommand.Create(output, error));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new OptimizeRequest
            {
                DataFiles = parse.GetValue(data) ?? [],
                Symbols = parse.GetValue(symbols) ?? [],
                Strategies = parse.GetValue(strategies) ?? [],
                Methods = Methods(parse.GetValue(method)),
                Trials = parse.GetValue(trials),
                Folds = parse.GetValue(folds),
                Validation = parse.GetValue(validation) ?? WalkForward,
                Embargo = parse.GetValue(embargo),
                Seed = parse.GetValue(seed),
                Holdout = parse.GetValue(holdout),
                Mode = parse.GetValue(mode) == "long-short" ? TradingMode.LongShort : TradingMode.LongOnly,
                FeeBps = parse.GetValue(fee),
                Capital = parse.GetValue(capital),
                Parallelism = parse.GetValue(parallelism),
                Permutations = parse.GetValue(permutations),
                Json = parse.GetValue(json),
            };
            return await new OptimizeHandler(output, error, interactive).RunAsync(request, cancellationToken);
        });
        return command;
    }

    private static SearchAlgorithm[] Methods(string? method) => method switch
    {
        "bayesian" => [SearchAlgorithm.Bayesian],
        "genetic" => [SearchAlgorithm.Genetic],
        "random" => [SearchAlgorithm.Random],
        "grid" => [SearchAlgorithm.Grid],
        _ => [SearchAlgorithm.Bayesian, SearchAlgorithm.Genetic],
    };
}
