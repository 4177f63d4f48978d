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
/// until every trial of the batch has a <see cref="TrialResult"/> for the parameters asked, and stores them. The first
/// such result of a trial wins; a redelivered trial computes the same one.
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
    private readonly Dictionary<int, OptimizationJob> _asked = [];
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
            _asked[trial.Number] = job;
            var envelope = new BusEnvelope(Subjects.OptimizerJobs(studyId), job.ToByteArray(), TrialMessages.MessageId(studyId, trial.Number), TrialMessages.JobType);
            await bus.PublishAsync(envelope, cancellationToken);
        }

        while (!batch.All(t => Answered(t.Number)))
        {
            var before = _nextSequence;
            await foreach (var message in bus.ReadStreamAsync(Streams.OptimizerResults.Name, Subjects.OptimizerResults(studyId), _nextSequence, cancellationToken))
            {
                var result = TrialResult.Parser.ParseFrom(message.Data.Span);
                if (!Answered(result.TrialNumber))
                {
                    _received[result.TrialNumber] = result;
                }

                _nextSequence = message.StreamSequence + 1;
            }

            if (_nextSequence == before && !batch.All(t => Answered(t.Number)))
            {
                await Task.Delay(pollInterval, time, cancellationToken);
            }
        }

        var results = batch.Select(t => _received[t.Number]).ToArray();
        await store.AppendAsync(results, cancellationToken);
        return [.. results.Select(TrialMessages.ToEvaluation)];
    }

    /// <summary>
    /// True when the trial has a result for the parameters asked: a result left in the stream by an earlier run of the
    /// same study id with other settings is not taken for this one.
    /// </summary>
    private bool Answered(int trial) =>
        _received.TryGetValue(trial, out var result)
        && (!_asked.TryGetValue(trial, out var job) || result.Parameters.Equals(job.Parameters));
}
