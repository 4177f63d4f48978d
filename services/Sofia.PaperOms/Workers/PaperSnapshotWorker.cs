using Microsoft.Extensions.Options;
using Sofia.Contracts;
using Sofia.Messaging;
using Sofia.PaperOms.Domain;
using Sofia.PaperOms.Options;

namespace Sofia.PaperOms.Workers;

/// <summary>
/// Every <see cref="PaperOmsOptions.SnapshotIntervalSeconds"/>, while the state is rebuilt and trading, publishes the
/// account and position snapshots (<see cref="PaperSnapshots"/>). A failed publish is logged and retried at the next
/// interval: snapshots are reports, the state lives in the orders and fills streams.
/// </summary>
internal sealed class PaperSnapshotWorker(
    IMessageBus bus,
    PaperOmsState state,
    IOptions<PaperOmsOptions> options,
    TimeProvider time,
    ILogger<PaperSnapshotWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SnapshotIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PublishAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    PaperOmsLog.SnapshotFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Publishes one round of snapshots; false when the state is not ready (nothing published).</summary>
    public async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        if (state.NotReadyReason is not null)
        {
            return false;
        }

        List<(string Subject, Google.Protobuf.IMessage Message)> snapshots;
        var timeUs = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        lock (state.Gate)
        {
            snapshots = PaperSnapshots.Build(state.Engine, timeUs);
        }

        foreach (var (subject, message) in snapshots)
        {
            await bus.PublishAsync(new BusEnvelope(subject, Google.Protobuf.MessageExtensions.ToByteArray(message), null, message.Descriptor.FullName), cancellationToken);
        }

        return true;
    }
}
