namespace Sofia.Trading.Metrics;

/// <summary>
/// Monte-Carlo permutation tests (MCPT) of a strategy's edge, seeded and reproducible. p = (1 + #{permuted ≥ observed})
/// / (1 + N); ties within 1e-12 · max(1, |observed|) count as at least as good, which keeps the test conservative.
/// <list type="bullet">
/// <item><see cref="SignFlip"/>: null hypothesis "per-bar strategy returns are symmetric around zero" (no edge);
/// each permutation flips the sign of every return with probability ½; statistic = mean return.</item>
/// <item><see cref="ShuffleMarketReturns"/>: null hypothesis "the positions have no timing skill"; each permutation
/// shuffles the market's per-bar returns while keeping the position series; statistic = mean(position · return).</item>
/// </list>
/// </summary>
public static class PermutationTest
{
    private const double TieTolerance = 1e-12;

    /// <summary>Sign-flip test of the mean of <paramref name="strategyReturns"/>.</summary>
    public static PermutationResult SignFlip(ReadOnlySpan<double> strategyReturns, int permutations, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permutations);
        var observed = ReturnStatistics.Mean(strategyReturns);
        var threshold = Threshold(observed);
        var rng = new SplitMix64(seed);
        var atLeast = 0;
        for (var p = 0; p < permutations; p++)
        {
            var sum = 0.0;
            foreach (var r in strategyReturns)
            {
                sum += rng.NextBool() ? r : -r;
            }

            if (sum / strategyReturns.Length >= threshold)
            {
                atLeast++;
            }
        }

        return Result(observed, permutations, atLeast);
    }

    /// <summary>
    /// Shuffle test: <paramref name="positions"/>[t] is the exposure held over bar t (signed, e.g. −1..1) and
    /// <paramref name="marketReturns"/>[t] the market's return over the same bar.
    /// </summary>
    public static PermutationResult ShuffleMarketReturns(
        ReadOnlySpan<double> positions,
        ReadOnlySpan<double> marketReturns,
        int permutations,
        ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permutations);
        if (positions.Length != marketReturns.Length)
        {
            throw new ArgumentException("Positions and market returns must have the same length.", nameof(marketReturns));
        }

        var observed = MeanProduct(positions, marketReturns);
        var threshold = Threshold(observed);
        var shuffled = marketReturns.ToArray();
        var rng = new SplitMix64(seed);
        var atLeast = 0;
        for (var p = 0; p < permutations; p++)
        {
            for (var i = shuffled.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
            }

            if (MeanProduct(positions, shuffled) >= threshold)
            {
                atLeast++;
            }
        }

        return Result(observed, permutations, atLeast);
    }

    private static double Threshold(double observed) => observed - (TieTolerance * Math.Max(1, Math.Abs(observed)));

    private static PermutationResult Result(double observed, int permutations, int atLeast) =>
        new(observed, permutations, atLeast, (1.0 + atLeast) / (1.0 + permutations));

    private static double MeanProduct(ReadOnlySpan<double> positions, ReadOnlySpan<double> returns)
    {
        if (positions.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < positions.Length; i++)
        {
            sum += positions[i] * returns[i];
        }

        return sum / positions.Length;
    }
}
