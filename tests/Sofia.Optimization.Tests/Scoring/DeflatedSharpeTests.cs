using Sofia.Optimization.Scoring;

namespace Sofia.Optimization.Tests.Scoring;

[TestFixture]
public sealed class DeflatedSharpeTests
{
    // Bailey and López de Prado (2014), the worked example: 100 trials whose annualized Sharpe ratios vary with
    // variance 0.5; the winner's annualized Sharpe is 2.5 over 1 250 daily returns (250 a year) with skewness −3 and
    // kurtosis 10. Per day: V = 0.5 / 250 = 0.002, SR = 2.5 / √250 = 0.158114.
    // SR₀ = √0.002 · (0.422784 · Φ⁻¹(0.99) + 0.577216 · Φ⁻¹(1 − 1/(100e)))
    //     = 0.0447214 · (0.422784 · 2.326348 + 0.577216 · 2.680210) = 0.113172 (the paper: 0.1132).
    // z = (0.158114 − 0.113172) · √1249 / √(1 + 3 · 0.158114 + 9/4 · 0.025) = 1.283816; DSR = Φ(z) = 0.900397 (the paper: 0.9004).
    [Test]
    public void Expected_maximum_sharpe_matches_the_papers_example()
    {
        Assert.That(DeflatedSharpe.ExpectedMaxSharpe(100, 0.5 / 250), Is.EqualTo(0.113172).Within(1e-6));
    }

    [Test]
    public void Deflated_sharpe_matches_the_papers_example()
    {
        var dsr = DeflatedSharpe.Compute(2.5 / Math.Sqrt(250), 1250, -3, 10, 100, 0.5 / 250);

        Assert.That(dsr, Is.EqualTo(0.900397).Within(1e-6));
    }

    [Test]
    public void One_trial_deflates_nothing_and_gives_the_probabilistic_sharpe_against_zero()
    {
        // Normal returns (skew 0, kurtosis 3), SR 0.1 per period, T = 101: z = 0.1 · 10 / √(1 + 0.005) = 0.997509; Φ = 0.840741.
        Assert.That(DeflatedSharpe.Compute(0.1, 101, 0, 3, 1, 0.01), Is.EqualTo(0.840741).Within(1e-5));
    }

    [Test]
    public void More_trials_deflate_more()
    {
        var few = DeflatedSharpe.Compute(0.1, 500, 0, 3, 10, 0.001);
        var many = DeflatedSharpe.Compute(0.1, 500, 0, 3, 1000, 0.001);

        Assert.That(many, Is.LessThan(few));
    }

    [Test]
    public void Moments_are_population_skewness_and_kurtosis()
    {
        // r = 0.01, −0.02, 0.03, 0, 0.05: mean 0.014; deviations −0.004, −0.034, 0.016, −0.014, 0.036;
        // m2 = 0.00292 / 5 = 0.000584, m3 = 0.00000864 / 5 = 0.000001728; skew = 0.000001728 / 0.000584^1.5 = 0.122440.
        var (skew, kurtosis) = DeflatedSharpe.Moments([0.01, -0.02, 0.03, 0, 0.05]);

        // Σd⁴ = 0.000000000256 + 0.000001336336 + 0.000000065536 + 0.000000038416 + 0.000001679616 = 0.00000312016;
        // m4 = 0.000000624032; kurtosis = 0.000000624032 / 0.000000341056 = 1.829705.
        Assert.That(skew, Is.EqualTo(0.122440).Within(1e-6));
        Assert.That(kurtosis, Is.EqualTo(1.829705).Within(1e-6));
    }
}
