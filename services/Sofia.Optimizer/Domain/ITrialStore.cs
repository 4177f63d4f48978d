using Sofia.Contracts.V1;

namespace Sofia.Optimizer.Domain;

/// <summary>Where a study's finished trials are kept, so it can be resumed and inspected.</summary>
internal interface ITrialStore
{
    /// <summary>Every stored trial of <paramref name="studyId"/>, each once, in trial order.</summary>
    Task<IReadOnlyList<TrialResult>> LoadAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Stores finished trials (all of one study).</summary>
    Task AppendAsync(IReadOnlyList<TrialResult> results, CancellationToken cancellationToken);
}
