namespace Sofia.Optimization.Validation;

/// <summary>
/// Purged k-fold cross-validation with an embargo (López de Prado, 2018, ch. 7): the bars are cut into
/// <paramref name="K"/> contiguous test blocks (block j = [⌊j·n/K⌋, ⌊(j+1)·n/K⌋)); each fold trains on every other bar
/// except the <paramref name="Purge"/> bars before its test block (a trade entered there could still be open inside
/// the test block) and the <paramref name="Embargo"/> bars after it (serial correlation leaks the test outcome into
/// them). So no training bar lies in [test start − purge, test end + embargo).
/// </summary>
/// <param name="K">Number of folds (at least 2).</param>
/// <param name="Purge">Bars removed from training before each test block (the longest trade horizon).</param>
/// <param name="Embargo">Bars removed from training after each test block.</param>
public sealed record PurgedKFold(int K, int Purge, int Embargo) : IFoldScheme
{
    /// <inheritdoc/>
    public IReadOnlyList<Fold> Folds(int bars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(Purge);
        ArgumentOutOfRangeException.ThrowIfNegative(Embargo);
        if (bars < K)
        {
            throw new ArgumentException($"{bars} bars are too few for {K} folds.", nameof(bars));
        }

        var folds = new List<Fold>(K);
        for (var j = 0; j < K; j++)
        {
            var test = new Segment((int)((long)j * bars / K), (int)((long)(j + 1) * bars / K));
            var train = new List<Segment>(2);
            var before = Math.Max(0, test.Start - Purge);
            if (before > 0)
            {
                train.Add(new Segment(0, before));
            }

            var after = (int)Math.Min(bars, (long)test.End + Embargo);
            if (after < bars)
            {
                train.Add(new Segment(after, bars));
            }

            folds.Add(new Fold(train, test));
        }

        return folds;
    }
}
