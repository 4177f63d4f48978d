using System.CommandLine;
using Sofia.Trading.Strategies;
using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary><c>sofia strategies</c>: every registered strategy with its parameters, ranges and defaults.</summary>
internal static class StrategiesCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("strategies", "List the strategies and their parameters (ranges and defaults).");
        command.SetAction(_ =>
        {
            Write(output);
            return ExitCodes.Success;
        });
        return command;
    }

    public static void Write(TextWriter output)
    {
        var console = CliConsole.Over(output, interactive: false);
        console.Profile.Width = 200;
        foreach (var strategy in StrategyRegistry.All)
        {
            var style = strategy.Style == ExecutionStyle.Orders ? "places orders" : "target positions";
            console.WriteLine($"{strategy.Name} ({strategy.Family}, {strategy.SymbolCount} symbol(s), {style}): {strategy.Description}");
            var table = new Table().AddColumns("parameter", "kind", "range", "default", "meaning");
            foreach (var parameter in strategy.Parameters)
            {
                table.AddRow(
                    Markup.Escape(parameter.Name),
                    Markup.Escape(parameter.Kind.ToString().ToLowerInvariant()),
                    Markup.Escape(parameter.DescribeRange()),
                    Markup.Escape(parameter.Format(parameter.Default)),
                    Markup.Escape(parameter.Description));
            }

            console.Write(table);
            console.WriteLine();
        }
    }
}
