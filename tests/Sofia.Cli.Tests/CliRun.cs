using Sofia.Cli.Commands;

namespace Sofia.Cli.Tests;

/// <summary>Runs the <c>sofia</c> command in-process and captures its exit code, stdout and stderr.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var code = await SofiaCli.RunAsync(args, output, error, interactive: false, timeout.Token);
        return (code, output.ToString(), error.ToString());
    }
}
