using MathNet.Numerics.Distributions;

namespace Sofia.Optimization.Scoring;

/// <summary>
/// The deflated Sharpe ratio (Bailey and López de Prado, 2014): the probability that a strategy's true Sharpe is above
/// the best Sharpe that <c>N</c> worthless trials would show by luck. Every Sharpe here is per period (not annualized).
/// <list type="bullet">
/// <item>Expected maximum under the null: SR₀ = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), with V the variance of
/// the trials' Sharpe ratios and γ the Euler–Mascheroni constant.</item>
/// <item>Probabilistic Sharpe against a benchmark SR*: Φ((SR − SR*) √(T − 1) / √(1 − γ₃ SR + (γ₄ − 1)/4 · SR²)) with T
/// returns, skewness γ₃ and (non-excess) kurtosis γ₄.</item>
/// <item>DSR = PSR with SR* = SR₀.</item>
/// </list>
/// </summary>
public static class DeflatedSharpe
{
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>SR₀, the expected maximum Sharpe of <paramref name="trials"/> independent null trials with Sharpe variance <paramref name="variance"/>.</summary>
    public static double ExpectedMaxSharpe(int trials, double variance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(variance);
        if (trials == 1)
        {
            return 0;
        }

        return Math.Sqrt(variance) * (((1 - EulerGamma) * Normal.InvCDF(0, 1, 1 - (1.0 / trials)))
            + (EulerGamma * Normal.InvCDF(0, 1, 1 - (1.0 / (trials * Math.E)))));
    }

    /// <summary>The probabilistic Sharpe ratio of <paramref name="sharpe"/> against <paramref name="benchmark"/>.</summary>
    public static double Probabilistic(double sharpe, double benchmark, int observations, double skewness, double kurtosis)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 2);
        var variance = 1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe);
        if (!(variance > 0))
        {
            return double.NaN;
        }

        return Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(observations - 1) / Math.Sqrt(variance));
    }

    /// <summary>The deflated Sharpe ratio of a winner chosen among <paramref name="trials"/> trials.</summary>
    public static double Compute(double sharpe, int observations, double skewness, double kurtosis, int trials, double trialSharpeVariance) =>
        Probabilistic(sharpe, ExpectedMaxSharpe(trials, trialSharpeVariance), observations, skewness, kurtosis);

    /// <summary>Population skewness and (non-excess) kurtosis of <paramref name="returns"/>, as the paper uses them.</summary>
    public static (double Skewness, double Kurtosis) Moments(ReadOnlySpan<double> returns)
    {
        if (returns.Length < 2)
        {
            return (double.NaN, double.NaN);
        }

        var mean = 0.0;
        foreach (var r in returns)
        {
            mean += r;
        }

        mean /= returns.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var r in returns)
        {
            var d = r - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        m2 /= returns.Length;
        m3 /= returns.Length;
        m4 /= returns.Length;
        return m2 > 0 ? (m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2)) : (0, 3);
    }
}
