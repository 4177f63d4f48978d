using System.Diagnostics;
using Sofia.Hosting;
using Sofia.Testing;

namespace Sofia.SignalHub.Tests;

/// <summary>The service started as its own process, the way scripts and the end-to-end tests start it.</summary>
[TestFixture]
public sealed class SignalHubProcessTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_bad_strategy_plan_stops_the_process_with_exit_code_78_naming_the_key(CancellationToken cancellationToken)
    {
        var plan = Path.Combine(Path.GetTempPath(), TestNames.Unique("badplan") + ".yaml");
        await File.WriteAllTextAsync(plan, "symbols: { BTC-USDT: { exchange: binance, strategies: [ { name: trend, params: { fast: 1 } } ] } }", cancellationToken);
        try
        {
            var (exitCode, output) = await RunAsync(new Dictionary<string, string> { ["SOFIA_SignalHub__StrategiesFile"] = plan }, cancellationToken);

            Assert.That(exitCode, Is.EqualTo(SofiaExitCodes.ConfigurationInvalid), output);
            Assert.That(output, Does.Contain("SignalHub:StrategiesFile").And.Contain("symbols.BTC-USDT.strategies[0].params.fast: must be an integer in [2, 500]"));
        }
        finally
        {
            File.Delete(plan);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_missing_strategy_plan_stops_the_process_with_exit_code_78_naming_the_path(CancellationToken cancellationToken)
    {
        var plan = Path.Combine(Path.GetTempPath(), TestNames.Unique("absent") + ".yaml");

        var (exitCode, output) = await RunAsync(new Dictionary<string, string> { ["SOFIA_SignalHub__StrategiesFile"] = plan }, cancellationToken);

        Assert.That(exitCode, Is.EqualTo(SofiaExitCodes.ConfigurationInvalid), output);
        Assert.That(output, Does.Contain("SignalHub:StrategiesFile").And.Contain(plan));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sofia.SignalHub.dll"));
        start.Environment["SOFIA_Nats__Url"] = "nats://127.0.0.1:1";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
