using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Optimizer.Domain;
using Sofia.Optimizer.Options;

namespace Sofia.Optimizer.Workers;

/// <summary>
/// Every replica's share of the work: consumes trials from the job work queue through the shared durable consumer,
/// evaluates up to <see cref="OptimizerOptions.WorkerConcurrency"/> at once, publishes each result (de-duplicated by
/// study and trial) and only then acknowledges the job; on shutdown it finishes the trials it holds first. A replica that dies mid-trial never acks, so the job is
/// redelivered to another after the ack wait; a job that keeps failing is dead-lettered on its last delivery.
/// </summary>
internal sealed class TrialWorker(
    IMessageBus bus,
    TrialExecutor executor,
    IOptions<OptimizerOptions> options,
    OptimizerMetrics metrics,
    TimeProvider time,
    ILogger<TrialWorker> logger) : BackgroundService
{
    private const int MaxDeliver = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        OptimizerLog.WorkerStarted(logger, o.JobFilter, o.WorkerDurable, o.WorkerConcurrency, o.AckWait.TotalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(o, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                OptimizerLog.WorkerFailed(logger, RetryDelay.TotalMilliseconds, e);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    private async Task ConsumeAsync(OptimizerOptions o, CancellationToken cancellationToken)
    {
        await bus.EnsureStreamAsync(Streams.OptimizerJobs, cancellationToken);
        await bus.EnsureStreamAsync(Streams.OptimizerResults, cancellationToken);
        await bus.EnsureStreamAsync(Streams.DeadLetters, cancellationToken);
        var spec = new BusConsumerSpec(Streams.OptimizerJobs.Name, o.WorkerDurable, o.JobFilter)
        {
            AckWait = o.AckWait,
            MaxDeliver = MaxDeliver,
            // Pull no more than this replica can start at once, so the other replicas get their share of a batch.
            BatchSize = o.WorkerConcurrency,
        };
        var channel = Channel.CreateBounded<IBusMessage>(new BoundedChannelOptions(o.WorkerConcurrency) { SingleWriter = true });
        // On shutdown the trials already taken are finished and acked for up to DrainTimeout; what is left then is
        // not acked and goes to another replica after the ack wait.
        using var drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        await using var stopping = cancellationToken.Register(() => drain.CancelAfter(DrainTimeout));
        var evaluators = Enumerable.Range(0, o.WorkerConcurrency).Select(_ => EvaluateAsync(channel.Reader, spec, drain.Token)).ToArray();
        try
        {
            await foreach (var message in bus.ConsumeAsync(spec, cancellationToken))
            {
                await channel.Writer.WriteAsync(message, cancellationToken);
            }
        }
        finally
        {
            channel.Writer.TryComplete();
            await Task.WhenAll(evaluators).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private async Task EvaluateAsync(ChannelReader<IBusMessage> reader, BusConsumerSpec spec, CancellationToken cancellationToken)
    {
        await foreach (var message in reader.ReadAllAsync(cancellationToken))
        {
            OptimizationJob job;
            try
            {
                job = OptimizationJob.Parser.ParseFrom(message.Data.Span);
            }
            catch (InvalidProtocolBufferException e)
            {
                OptimizerLog.BadJob(logger, message.StreamSequence, message.Subject, e);
                await bus.DeadLetterAsync(message, spec.Stream, spec.Durable, $"unreadable job: {e.Message}", cancellationToken);
                continue;
            }

            try
            {
                var result = await executor.RunAsync(job, cancellationToken);
                var envelope = new BusEnvelope(Subjects.OptimizerResults(job.StudyId), result.ToByteArray(), TrialMessages.MessageId(job.StudyId, job.TrialNumber), TrialMessages.ResultType);
                await bus.PublishAsync(envelope, cancellationToken);
                await message.AckAsync(cancellationToken);
                metrics.TrialDone(TimeSpan.FromMilliseconds(result.DurationMs));
                OptimizerLog.TrialDone(logger, job.StudyId, job.TrialNumber, result.Score, result.DurationMs, message.DeliveryCount);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OptimizerLog.BadJob(logger, message.StreamSequence, message.Subject, e);
                if (message.DeliveryCount >= MaxDeliver)
                {
                    await bus.DeadLetterAsync(message, spec.Stream, spec.Durable, e.Message, cancellationToken);
                }
                else
                {
                    await message.NakAsync(RetryDelay, cancellationToken);
                }
            }
        }
    }
}
