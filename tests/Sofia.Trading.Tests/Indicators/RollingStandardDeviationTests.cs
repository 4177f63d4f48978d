using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

public sealed class RollingStandardDeviationTests
{
    private static readonly double[] Classic = [2, 4, 4, 4, 5, 5, 7, 9];

    // Whole set: mean 5, squared deviations sum to 32: population σ = 2, sample σ = √(32/7).
    // [2,4,4,4]: mean 3.5, squares 3 → √0.75. Last four [5,5,7,9]: mean 6.5, squares 11 → √2.75.
    [TestCase(8, DeviationKind.Population, 8, 2.0)]
    [TestCase(8, DeviationKind.Sample, 8, 2.1380899352993950)]
    [TestCase(4, DeviationKind.Population, 4, 0.8660254037844386)]
    [TestCase(4, DeviationKind.Population, 8, 1.6583123951776999)]
    [TestCase(4, DeviationKind.Sample, 8, 1.9148542155126762)]
    public void Standard_deviation_matches_hand_calculation(int period, DeviationKind kind, int count, double expected)
    {
        var std = new RollingStandardDeviation(period, kind);
        foreach (var x in Classic.Take(count))
        {
            std.Update(x);
        }

        Assert.That(std.Value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Standard_deviation_stays_exact_around_a_large_mean_after_a_million_updates()
    {
        // Values 1e6 + (i mod 10): any 10 consecutive hold 0..9 once: population σ = √8.25.
        var std = new RollingStandardDeviation(10);
        for (var i = 0; i < 1_000_000; i++)
        {
            std.Update(1e6 + (i % 10));
        }

        Assert.That(std.Value, Is.EqualTo(Math.Sqrt(8.25)).Within(1e-9));
        Assert.That(std.Mean, Is.EqualTo(1e6 + 4.5).Within(1e-9));
    }

    [Test]
    public void Constant_window_has_zero_deviation()
    {
        var std = new RollingStandardDeviation(5);
        for (var i = 0; i < 12; i++)
        {
            std.Update(42.5);
        }

        Assert.That(std.Value, Is.Zero);
    }
}
