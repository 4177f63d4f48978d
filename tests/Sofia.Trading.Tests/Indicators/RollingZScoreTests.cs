using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

public sealed class RollingZScoreTests
{
    // [2,4,4,4,5,5,7,9]: mean 5, σ 2, so 9 scores (9 − 5)/2 = 2. Window [2,4,4,4]: (4 − 3.5)/√0.75.
    // Window [5,5,7,9]: (9 − 6.5)/√2.75. Sample σ over all eight: (9 − 5)/√(32/7).
    [TestCase(8, DeviationKind.Population, 8, 2.0)]
    [TestCase(4, DeviationKind.Population, 4, 0.5773502691896258)]
    [TestCase(4, DeviationKind.Population, 8, 1.5075567228888181)]
    [TestCase(8, DeviationKind.Sample, 8, 1.8708286933869707)]
    public void Z_score_matches_hand_calculation(int period, DeviationKind kind, int count, double expected)
    {
        var z = new RollingZScore(period, kind);
        foreach (var x in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 }.Take(count))
        {
            z.Update(x);
        }

        Assert.That(z.Value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Z_score_of_a_value_below_the_mean_is_negative()
    {
        // [10, 20, 30, 0]: mean 15, squares 25+25+225+225 = 500 → σ = √125; z = −15/√125.
        var z = new RollingZScore(4);
        foreach (var x in new double[] { 10, 20, 30, 0 })
        {
            z.Update(x);
        }

        Assert.That(z.Value, Is.EqualTo(-15 / Math.Sqrt(125)).Within(1e-12));
    }

    [Test]
    public void Z_score_of_a_flat_window_is_zero()
    {
        var z = new RollingZScore(3);
        z.Update(7);
        z.Update(7);
        Assert.That(z.Update(7), Is.True);
        Assert.That(z.Value, Is.Zero);
    }
}
