using System.CommandLine;

namespace Sofia.Cli.Commands;

/// <summary>The root of the <c>sofia</c> command: parses, reports usage errors with exit code 2, and runs a subcommand.</summary>
internal static class SofiaCli
{
    public static RootCommand Build(TextWriter output, TextWriter error, bool interactive) =>
    [
        BacktestCommand.Create(output, error, interactive),
        OptimizeCommand.Create(output, error, interactive),
        StrategiesCommand.Create(output),
        BenchCommand.Create(output, error),
        SimulateExchangeCommand.Create(),
        StreamsCommand.Create(output, error),
        StatusCommand.Create(output),
        DemoCommand.Create(output, error, interactive),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var root = Build(output, error, interactive);
        root.Description = "Sofia: crypto strategies, backtests and paper trading.";
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            await error.WriteLineAsync("Run 'sofia --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
