namespace Sofia.Optimization.Validation;

/// <summary>
/// Walk-forward folds: fold k tests [s, s + test) with s = train + gap + k · stride, and trains on the
/// <paramref name="Train"/> bars ending <paramref name="Gap"/> bars before s (rolling) or on every bar from 0 to that
/// point (anchored). Folds are added while the test segment fits in the data.
/// </summary>
/// <param name="Train">Training bars (the first fold's, and every fold's when rolling).</param>
/// <param name="Test">Test bars per fold.</param>
/// <param name="Stride">Bars between the starts of consecutive test segments.</param>
/// <param name="Anchored">Train from bar 0 (growing window) instead of a rolling window.</param>
/// <param name="Gap">Bars left out between training and test.</param>
public sealed record WalkForward(int Train, int Test, int Stride, bool Anchored = false, int Gap = 0) : IFoldScheme
{
    /// <summary>
    /// <paramref name="folds"/> rolling folds that tile <paramref name="bars"/> bars: test = ⌊bars / (folds + ratio)⌋,
    /// train = ratio · test, stride = test, so the test segments follow each other to the end of the data.
    /// </summary>
    public static WalkForward ForFolds(int bars, int folds, int trainToTestRatio = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainToTestRatio, 1);
        var test = bars / (folds + trainToTestRatio);
        if (test < 2)
        {
            throw new ArgumentException($"{bars} bars are too few for {folds} walk-forward folds.", nameof(bars));
        }

        return new WalkForward(trainToTestRatio * test, test, test);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Fold> Folds(int bars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Test);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Stride);
        ArgumentOutOfRangeException.ThrowIfNegative(Gap);
        var folds = new List<Fold>();
        for (var start = Train + Gap; start + Test <= bars; start += Stride)
        {
            var trainEnd = start - Gap;
            folds.Add(new Fold([new Segment(Anchored ? 0 : trainEnd - Train, trainEnd)], new Segment(start, start + Test)));
        }

        if (folds.Count == 0)
        {
            throw new ArgumentException($"No walk-forward fold of {Train} train + {Gap} gap + {Test} test bars fits in {bars} bars.", nameof(bars));
        }

        return folds;
    }
}
