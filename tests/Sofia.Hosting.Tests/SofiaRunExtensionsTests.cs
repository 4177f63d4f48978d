using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sofia.Hosting.Tests;

[TestFixture]
public sealed class SofiaRunExtensionsTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Run_returns_the_configuration_exit_code_and_logs_the_bad_key(CancellationToken cancellationToken)
    {
        using var logs = new CapturingLoggerProvider();
        var builder = TestHosts.CreateBuilder(new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "-5" });
        builder.Logging.AddProvider(logs);
        var app = TestHosts.Build(builder);

        var exitCode = await app.RunSofiaAsync(cancellationToken);

        var critical = logs.Entries.Where(e => e.EventId.Id == 1001).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(SofiaExitCodes.ConfigurationInvalid));
            Assert.That(critical, Has.Count.EqualTo(1));
            Assert.That(critical[0].Level, Is.EqualTo(LogLevel.Critical));
            Assert.That(critical[0].Message, Does.Contain("Hosting:ShutdownTimeoutSeconds: must be a whole number of seconds between 1 and 600"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Run_drains_in_flight_work_then_returns_zero(CancellationToken cancellationToken)
    {
        var worker = new DrainingWorker(TimeSpan.FromMilliseconds(300));
        var builder = TestHosts.CreateBuilder();
        builder.Services.AddSingleton<IHostedService>(worker);
        var app = TestHosts.Build(builder);

        var run = app.RunSofiaAsync(cancellationToken);
        await worker.Running.WaitAsync(cancellationToken);
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var exitCode = await run;

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(SofiaExitCodes.Success));
            Assert.That(worker.Drained, Is.True);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Run_stops_waiting_for_work_that_outlasts_the_shutdown_timeout(CancellationToken cancellationToken)
    {
        var worker = new DrainingWorker(TimeSpan.FromSeconds(60));
        var builder = TestHosts.CreateBuilder(new Dictionary<string, string?> { ["Hosting:ShutdownTimeoutSeconds"] = "1" });
        builder.Services.AddSingleton<IHostedService>(worker);
        var app = TestHosts.Build(builder);

        var run = app.RunSofiaAsync(cancellationToken);
        await worker.Running.WaitAsync(cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var exitCode = await run;
        stopwatch.Stop();
        worker.Abandon();

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(SofiaExitCodes.Success));
            Assert.That(worker.Drained, Is.False);
            Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900)).And.LessThan(TimeSpan.FromSeconds(15)));
        });
    }

    /// <summary>On stop, finishes its current item, which takes <paramref name="drainTime"/>.</summary>
    private sealed class DrainingWorker(TimeSpan drainTime) : BackgroundService
    {
        private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _abandon = new();

        public Task Running => _running.Task;

        public bool Drained { get; private set; }

        public void Abandon() => _abandon.Cancel();

        public override void Dispose()
        {
            _abandon.Dispose();
            base.Dispose();
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _running.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stop requested: the item in hand is finished, not dropped.
            }

            try
            {
                await Task.Delay(drainTime, _abandon.Token);
                Drained = true;
            }
            catch (OperationCanceledException)
            {
                Drained = false;
            }
        }
    }
}
