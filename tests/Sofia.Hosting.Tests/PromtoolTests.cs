using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Sofia.Hosting.Tests;

/// <summary>Prometheus' own linter reads real /metrics output; any complaint fails the test.</summary>
[TestFixture]
public sealed class PromtoolTests
{
    private const string BootstrapHint = "promtool is not installed: run scripts/bootstrap.sh as root (it installs Debian's prometheus package, which ships /usr/bin/promtool)";

    [Test]
    [CancelAfter(60_000)]
    public async Task Promtool_accepts_metrics_of_a_host_with_counter_gauge_labelled_histogram_and_process_gauges(CancellationToken cancellationToken)
    {
        var promtool = FindPromtool();
        await using var app = await TestHosts.StartAsync(TestHosts.CreateBuilder(), cancellationToken);
        RecordSampleInstruments(app.Services.GetRequiredService<IMeterFactory>());
        var metrics = await app.GetTestClient().GetStringAsync(new Uri(SofiaEndpointExtensions.MetricsPath, UriKind.Relative), cancellationToken);
        Assert.That(metrics, Does.Contain("sofia_tests_promtool_trades_total{").And.Contain("sofia_tests_promtool_queue_depth ")
            .And.Contain("sofia_tests_promtool_latency_seconds_bucket{exchange=").And.Contain("process_resident_memory_bytes "));

        var (exitCode, output) = await RunAsync(promtool, "check metrics", metrics, cancellationToken);

        Assert.That(exitCode, Is.Zero, $"promtool check metrics complained:\n{output}\n--- input ---\n{metrics}");
        Assert.That(output, Is.Empty, $"promtool check metrics printed problems:\n{output}");
    }

    private static void RecordSampleInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("Sofia.Tests.Promtool");
        var trades = meter.CreateCounter<long>("sofia.tests.promtool.trades", "{trade}", "Trades received.");
        trades.Add(3, new("exchange", "binance"), new("symbol", "BTC-USDT"));
        trades.Add(1, new("exchange", "okx"), new("symbol", "say \"hi\"\\\nbye"));
        meter.CreateObservableGauge("sofia.tests.promtool.queue_depth", () => 4, "{message}", "Messages waiting.");
        var latency = meter.CreateHistogram<double>("sofia.tests.promtool.latency", "s", "Receive latency.");
        foreach (var seconds in new[] { 0.002, 0.04, 0.3, 7.5, 12 })
        {
            latency.Record(seconds, new KeyValuePair<string, object?>("exchange", "bybit"));
        }
    }

    private static string FindPromtool()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "promtool"))
            .Prepend("/usr/bin/promtool");
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail(BootstrapHint);
        }

        return found!;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string arguments, string input, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
