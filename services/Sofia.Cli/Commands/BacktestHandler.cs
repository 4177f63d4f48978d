using Sofia.Cli.Output;
using Sofia.Cli.Reporting;
using Sofia.Trading;
using Sofia.Trading.Backtesting;
using Sofia.Trading.Data;
using Sofia.Trading.Strategies;
using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary>
/// Runs <c>sofia backtest</c>: binds the strategy, loads and checks the data (strict sanity check), runs the
/// backtester (with a progress bar on stderr for long interactive runs), prints a summary table or JSON, and writes
/// the HTML report. Bad input is one line on stderr and exit code 2.
/// </summary>
internal sealed class BacktestHandler(TextWriter output, TextWriter error, bool interactive)
{
    private const int ProgressThreshold = 500_000;
    private const int ProgressChunk = 65_536;

    public int Run(BacktestRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return Execute(request, cancellationToken);
        }
        catch (Exception e) when (e is CliInputException or StrategyParameterException or BarDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private int Execute(BacktestRequest request, CancellationToken cancellationToken)
    {
        var descriptor = StrategyRegistry.Get(request.Strategy);
        var parameters = descriptor.Parameters.Bind(ParseParameters(request.Parameters));
        var strategy = descriptor.Create(parameters);
        if (request.DataFiles.Count != descriptor.SymbolCount)
        {
            throw new CliInputException($"Strategy '{descriptor.Name}' needs {descriptor.SymbolCount} --data file(s), {request.DataFiles.Count} given.");
        }

        if (request.Capital <= 0m || request.FeeBps < 0m || request.SlippageBps < 0m)
        {
            throw new CliInputException("--capital must be positive; --fee-bps and --slippage-bps must not be negative.");
        }

        var options = new BacktestOptions
        {
            InitialCapital = request.Capital,
            Mode = request.Mode,
            FeeBps = request.FeeBps,
            SlippageBps = request.SlippageBps,
        };
        var symbols = request.DataFiles.Select(BarLoader.SymbolOf).ToArray();
        var result = request.Stream
            ? RunStreaming(strategy, request, options, symbols)
            : RunLoaded(strategy, request, options, symbols, cancellationToken);

        if (request.Json)
        {
            MetricsJson.Write(output, result, parameters);
        }
        else
        {
            SummaryTable.Write(CliConsole.Over(output, interactive), result, parameters);
        }

        if (request.ReportPath is { } path)
        {
            File.WriteAllText(path, HtmlReport.Render(result, parameters));
            error.WriteLine($"report: {Path.GetFullPath(path)}");
        }

        return ExitCodes.Success;
    }

    private static BacktestResult RunStreaming(IStrategy strategy, BacktestRequest request, BacktestOptions options, string[] symbols)
    {
        if (symbols.Length != 1)
        {
            throw new CliInputException("--stream works with single-symbol strategies only.");
        }

        BarLoader.RequireFile(request.DataFiles[0]);
        return Backtester.Run(strategy, BarFileReader.Read(request.DataFiles[0]), options, symbols[0]);
    }

    private BacktestResult RunLoaded(IStrategy strategy, BacktestRequest request, BacktestOptions options, string[] symbols, CancellationToken cancellationToken)
    {
        var legs = new Bar[request.DataFiles.Count][];
        for (var i = 0; i < legs.Length; i++)
        {
            legs[i] = BarLoader.LoadChecked(request.DataFiles[i]);
        }

        var aligned = legs.Length == 1 ? legs : BarAligner.Align(legs);
        if (aligned[0].Length < 2)
        {
            throw new CliInputException("The data files share fewer than 2 bar times.");
        }

        var backtester = new Backtester(strategy, options, symbols);
        var total = aligned[0].Length;
        if (interactive && total >= ProgressThreshold)
        {
            CliConsole.Over(error, interactive: true).Progress().Start(progress =>
            {
                var task = progress.AddTask($"backtest {strategy.Name}", maxValue: total);
                Drive(backtester, aligned, value => task.Value = value, cancellationToken);
            });
        }
        else
        {
            Drive(backtester, aligned, static _ => { }, cancellationToken);
        }

        return backtester.Complete();
    }

    private static void Drive(Backtester backtester, Bar[][] aligned, Action<double> report, CancellationToken cancellationToken)
    {
        var step = new Bar[aligned.Length];
        var total = aligned[0].Length;
        for (var start = 0; start < total; start += ProgressChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(total, start + ProgressChunk);
            for (var t = start; t < end; t++)
            {
                if (step.Length == 1)
                {
                    backtester.Step(aligned[0][t]);
                    continue;
                }

                for (var s = 0; s < step.Length; s++)
                {
                    step[s] = aligned[s][t];
                }

                backtester.Step(step);
            }

            report(end);
        }
    }

    private static Dictionary<string, string> ParseParameters(IReadOnlyList<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliInputException($"--param '{pair}' is not name=value.");
            }

            var name = pair[..equals].Trim();
            if (!values.TryAdd(name, pair[(equals + 1)..].Trim()))
            {
                throw new CliInputException($"--param '{name}' is given twice.");
            }
        }

        return values;
    }
}
