using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

public sealed class WeightedMovingAverageTests
{
    // WMA(3) of 1..5: (1·1 + 2·2 + 3·3)/6, (2·1 + 3·2 + 4·3)/6, (3·1 + 4·2 + 5·3)/6.
    [TestCase(3, 14.0 / 6)]
    [TestCase(4, 20.0 / 6)]
    [TestCase(5, 26.0 / 6)]
    public void Wma_weights_the_newest_value_most(int count, double expected)
    {
        var wma = new WeightedMovingAverage(3);
        for (var x = 1; x <= count; x++)
        {
            wma.Update(x);
        }

        Assert.That(wma.Value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Wma_of_a_ramp_lags_it_by_two_thirds_for_period_three_over_many_windows()
    {
        // (n−2)·1 + (n−1)·2 + n·3 = 6n − 4, over 6: n − 2/3. Many windows exercise the re-summation.
        var wma = new WeightedMovingAverage(3);
        for (var n = 1; n <= 10_000; n++)
        {
            wma.Update(n);
            if (n >= 3)
            {
                Assert.That(wma.Value, Is.EqualTo(n - (2.0 / 3)).Within(1e-9), $"n = {n}");
            }
        }
    }

    [Test]
    public void Wma_is_not_ready_before_its_period()
    {
        var wma = new WeightedMovingAverage(4);
        Assert.That(wma.Update(1), Is.False);
        Assert.That(wma.Update(2), Is.False);
        Assert.That(wma.Update(3), Is.False);
        Assert.That(wma.Value, Is.NaN);
        Assert.That(wma.Update(4), Is.True);
        Assert.That(wma.Value, Is.EqualTo(30.0 / 10));
    }
}
