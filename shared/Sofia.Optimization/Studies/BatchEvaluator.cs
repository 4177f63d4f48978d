namespace Sofia.Optimization.Studies;

/// <summary>Evaluates a batch of trials, in any order or place; returns one evaluation per trial, in the batch's order.</summary>
public delegate ValueTask<IReadOnlyList<TrialEvaluation>> BatchEvaluator(IReadOnlyList<Trial> batch, CancellationToken cancellationToken);
