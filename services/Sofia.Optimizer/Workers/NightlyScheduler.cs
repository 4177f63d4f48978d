using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;
using Sofia.Optimizer.Domain;
using Sofia.Optimizer.Options;

namespace Sofia.Optimizer.Workers;

/// <summary>
/// Fires the nightly run on the Quartz cron <see cref="OptimizerOptions.Schedule"/> (UTC; default 21:00): every
/// configured strategy × symbol, one after another, the whole run cancelled after
/// <see cref="OptimizerOptions.MaxDuration"/>. The run id is the fire time, so replicas that all coordinate publish the
/// same de-duplicated jobs. Off when <see cref="OptimizerOptions.Coordinate"/> is false.
/// </summary>
internal sealed class NightlyScheduler(
    StudyCoordinator coordinator,
    IOptions<OptimizerOptions> options,
    TimeProvider time,
    ILogger<NightlyScheduler> logger) : BackgroundService
{
    /// <summary>The next fire time of <paramref name="schedule"/> strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(string schedule, DateTimeOffset now)
    {
        var cron = new CronExpression(schedule, TimeZoneInfo.Utc);
        return cron.GetNextValidTimeAfter(now) ?? throw new InvalidOperationException($"The schedule '{schedule}' never fires again.");
    }

    /// <summary>Runs every configured strategy × symbol now, as run <paramref name="runId"/>, within the maximum duration.</summary>
    public async Task RunOnceAsync(string runId, DateTimeOffset runTime, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var limit = new CancellationTokenSource(o.MaxDuration, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var strategy in o.Strategies)
            {
                foreach (var symbol in o.Symbols)
                {
                    await coordinator.RunAsync(runId, runTime, strategy, symbol, linked.Token);
                }
            }

            OptimizerLog.RunFinished(logger, runId, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            OptimizerLog.RunTimedOut(logger, runId, o.MaxDuration.TotalMinutes);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Coordinate)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextRun(o.Schedule, time.GetUtcNow());
            OptimizerLog.NextRun(logger, next);
            await Task.Delay(next - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            var runId = next.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
            try
            {
                await RunOnceAsync(runId, next, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OptimizerLog.RunFailed(logger, runId, e);
            }
        }
    }
}
