using Sofia.Contracts;
using Sofia.Optimization.Search;
using Sofia.Optimizer.Domain;
using Sofia.Testing;

namespace Sofia.Optimizer.Tests.Workers;

/// <summary>The nightly run's maximum duration, on a real nats-server with a clock the test moves.</summary>
[TestFixture]
public sealed class NightlySchedulerRunTests
{
    private NatsServer _server = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await NatsServer.StartNewAsync();
        _directory = Directory.CreateTempSubdirectory("sofia-optimizer-schedule-").FullName;
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task A_run_that_outlasts_its_maximum_duration_is_stopped_without_failing_the_service()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var start = new DateTimeOffset(2026, 11, 21, 21, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var run = TestNames.Unique("late");
        var studyId = StudyCoordinator.StudyId(run, "trend", "BTC-USDT", SearchAlgorithm.Bayesian);
        var settings = new ReplicaSettings(
            ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv"),
            "nobody",
            run + "-workers",
            Subjects.OptimizerJobs(studyId),
            Path.Combine(_directory, run));
        // No worker anywhere: the study waits for results that never come.
        await using var replica = await OptimizerReplica.StartAsync(_server.Url, settings, timeout.Token, startWorker: false, time: clock);

        var running = replica.Scheduler.RunOnceAsync(run, start, timeout.Token);
        await WaitForJobsAsync(replica, studyId, timeout.Token);
        Assert.That(running.IsCompleted, Is.False, "the study is waiting for its first batch");

        clock.Advance(TimeSpan.FromMinutes(360));

        await running.WaitAsync(timeout.Token);
        Assert.That(replica.Journal.Load(studyId), Is.Empty, "no trial finished");
    }

    private static async Task WaitForJobsAsync(OptimizerReplica replica, string studyId, CancellationToken cancellationToken)
    {
        // Jobs are stored once the coordinator is inside the study; poll the stream with a deadline.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                var count = 0;
                await foreach (var _ in replica.Bus.ReadStreamAsync(Streams.OptimizerJobs.Name, Subjects.OptimizerJobs(studyId), 1, cancellationToken))
                {
                    count++;
                }

                if (count > 0)
                {
                    return;
                }
            }
            catch (Sofia.Messaging.BusNoStreamException)
            {
                // The coordinator has not created the stream yet.
            }

            await Task.Delay(20, cancellationToken);
        }

        Assert.Fail("The coordinator never published its first batch.");
    }
}
