using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Messaging;
using Sofia.Optimization.Studies;
using Sofia.Trading.Strategies;

namespace Sofia.Optimizer.Domain;

/// <summary>
/// Evaluates a study's batches on whichever replicas consume the job work queue: publishes one
/// <see cref="OptimizationJob"/> per trial (de-duplicated by study and trial), then reads the study's results subject
/// until every trial of the batch has a <see cref="TrialResult"/>, and stores them. The first result of a trial wins;
/// a redelivered trial computes the same one.
/// </summary>
internal sealed class DistributedEvaluator(
    IMessageBus bus,
    OptimizationJob template,
    ParameterSpace space,
    ITrialStore store,
    TimeSpan pollInterval,
    TimeProvider time)
{
    private readonly Dictionary<int, TrialResult> _received = [];
    private ulong _nextSequence = 1;

    public async ValueTask<IReadOnlyList<TrialEvaluation>> EvaluateAsync(IReadOnlyList<Trial> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var studyId = template.StudyId;
        foreach (var trial in batch)
        {
            var job = template.Clone();
            job.TrialNumber = trial.Number;
            TrialMessages.WriteParameters(space, trial.Values, job.Parameters);
            var envelope = new BusEnvelope(Subjects.OptimizerJobs(studyId), job.ToByteArray(), TrialMessages.MessageId(studyId, trial.Number), TrialMessages.JobType);
            await bus.PublishAsync(envelope, cancellationToken);
        }

        while (!batch.All(t => _received.ContainsKey(t.Number)))
        {
            var before = _nextSequence;
            await foreach (var message in bus.ReadStreamAsync(Streams.OptimizerResults.Name, Subjects.OptimizerResults(studyId), _nextSequence, cancellationToken))
            {
                var result = TrialResult.Parser.ParseFrom(message.Data.Span);
                _received.TryAdd(result.TrialNumber, result);
                _nextSequence = message.StreamSequence + 1;
            }

            if (_nextSequence == before && !batch.All(t => _received.ContainsKey(t.Number)))
            {
                await Task.Delay(pollInterval, time, cancellationToken);
            }
        }

        var results = batch.Select(t => _received[t.Number]).ToArray();
        await store.AppendAsync(results, cancellationToken);
        return [.. results.Select(TrialMessages.ToEvaluation)];
    }
}
