using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

public sealed class HurstExponentTests
{
    private const int Window = 2000;
    private const int MaxLag = 20;

    // Increments follow AR(1) with coefficient phi: 0 is a random walk (H = 0.5), positive phi is persistent
    // (trending, H above 0.5), negative phi anti-persistent (mean-reverting, H below 0.5).
    [TestCase(0.0, 0.45, 0.55)]
    [TestCase(0.6, 0.6, 1.0)]
    [TestCase(-0.6, 0.0, 0.4)]
    public void Hurst_exponent_reads_the_persistence_of_increments(double phi, double low, double high)
    {
        var hurst = new HurstExponent(Window, MaxLag, logTransform: false);
        foreach (var x in Walk(seed: 7, count: 3 * Window, phi))
        {
            hurst.Update(x);
        }

        Assert.That(hurst.Value, Is.InRange(low, high));
    }

    [Test]
    public void Hurst_exponent_of_a_random_walk_is_about_one_half_across_seeds()
    {
        var sum = 0.0;
        for (var seed = 1; seed <= 10; seed++)
        {
            var hurst = new HurstExponent(Window, MaxLag, logTransform: false);
            foreach (var x in Walk(seed, Window, 0))
            {
                hurst.Update(x);
            }

            sum += hurst.Value;
        }

        Assert.That(sum / 10, Is.EqualTo(0.5).Within(0.03));
    }

    [Test]
    public void Hurst_exponent_on_prices_uses_log_returns()
    {
        // A geometric random walk: log price is a random walk whatever the price level.
        var hurst = new HurstExponent(Window, MaxLag);
        foreach (var x in Walk(seed: 3, count: Window, 0))
        {
            hurst.Update(100 * Math.Exp(0.01 * x));
        }

        Assert.That(hurst.Value, Is.InRange(0.45, 0.55));
    }

    [Test]
    public void Rolling_value_equals_a_direct_computation_over_the_window()
    {
        const int window = 60;
        const int maxLag = 5;
        var series = Walk(seed: 11, count: 500, 0.3).ToArray();
        var hurst = new HurstExponent(window, maxLag, logTransform: false);
        for (var t = 0; t < series.Length; t++)
        {
            hurst.Update(series[t]);
            if (t + 1 >= window)
            {
                Assert.That(hurst.Value, Is.EqualTo(Direct(series.AsSpan(t + 1 - window, window), maxLag)).Within(1e-9), $"t = {t}");
            }
        }
    }

    [Test]
    public void Flat_window_has_no_hurst_exponent()
    {
        var hurst = new HurstExponent(30, 5, logTransform: false);
        for (var i = 0; i < 30; i++)
        {
            hurst.Update(1);
        }

        Assert.That(hurst.IsReady, Is.True);
        Assert.That(hurst.Value, Is.NaN);
    }

    /// <summary>Half the least-squares slope of ln(population variance of x[t] − x[t−τ]) on ln τ, written plainly.</summary>
    private static double Direct(ReadOnlySpan<double> x, int maxLag)
    {
        var logLag = new double[maxLag];
        var logVariance = new double[maxLag];
        for (var lag = 1; lag <= maxLag; lag++)
        {
            var n = x.Length - lag;
            var mean = 0.0;
            for (var t = lag; t < x.Length; t++)
            {
                mean += x[t] - x[t - lag];
            }

            mean /= n;
            var variance = 0.0;
            for (var t = lag; t < x.Length; t++)
            {
                var d = x[t] - x[t - lag] - mean;
                variance += d * d;
            }

            logLag[lag - 1] = Math.Log(lag);
            logVariance[lag - 1] = Math.Log(variance / n);
        }

        var mx = logLag.Average();
        var my = logVariance.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < maxLag; i++)
        {
            sxy += (logLag[i] - mx) * (logVariance[i] - my);
            sxx += (logLag[i] - mx) * (logLag[i] - mx);
        }

        return sxy / sxx / 2;
    }

    /// <summary>A seeded walk whose Gaussian increments follow AR(1) with coefficient <paramref name="phi"/>.</summary>
    private static IEnumerable<double> Walk(int seed, int count, double phi)
    {
        var random = new Random(seed);
        double level = 0, increment = 0;
        for (var i = 0; i < count; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            var gaussian = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            increment = (phi * increment) + gaussian;
            level += increment;
            yield return level;
        }
    }
}
