using Spectre.Console;

namespace Sofia.Cli.Commands;

/// <summary>Spectre consoles over the writers a command was given, so tests can capture everything.</summary>
internal static class CliConsole
{
    public static IAnsiConsole Over(TextWriter writer, bool interactive) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
    });
}
