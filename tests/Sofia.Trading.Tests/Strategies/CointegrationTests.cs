using Sofia.Trading.Strategies;

namespace Sofia.Trading.Tests.Strategies;

public sealed class CointegrationTests
{
    [TestCase(0.01, -3.89644)]
    [TestCase(0.05, -3.33613)]
    [TestCase(0.10, -3.04445)]
    public void MacKinnon_values_tend_to_the_asymptotic_ones(double level, double asymptotic) =>
        Assert.That(MacKinnonCriticalValues.EngleGrangerTwoVariables(level, 100_000_000), Is.EqualTo(asymptotic).Within(1e-6));

    [Test]
    public void MacKinnon_value_at_T_100_follows_the_response_surface() =>
        Assert.That(MacKinnonCriticalValues.EngleGrangerTwoVariables(0.05, 100), Is.EqualTo(-3.33613 - 0.061101 - 0.0006823).Within(1e-9));

    [Test]
    public void Adf_without_lags_is_the_t_statistic_of_the_lagged_level()
    {
        var random = new Random(5);
        var series = new double[300];
        for (var i = 1; i < series.Length; i++)
        {
            series[i] = (0.7 * series[i - 1]) + random.NextDouble() - 0.5;
        }

        // Closed form of Δe_t = γ e_{t-1} + ε: γ = Σxy / Σx², se = √(s² / Σx²), s² = RSS / (n − 1).
        double sxy = 0, sxx = 0;
        for (var t = 1; t < series.Length; t++)
        {
            sxy += (series[t] - series[t - 1]) * series[t - 1];
            sxx += series[t - 1] * series[t - 1];
        }

        var gamma = sxy / sxx;
        var rss = 0.0;
        for (var t = 1; t < series.Length; t++)
        {
            var e = series[t] - series[t - 1] - (gamma * series[t - 1]);
            rss += e * e;
        }

        var expected = gamma / Math.Sqrt(rss / (series.Length - 2) / sxx);
        Assert.That(AugmentedDickeyFuller.Statistic(series, 0), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Engle_granger_finds_the_hedge_ratio_of_a_cointegrated_pair_and_rejects_independent_walks()
    {
        var random = new Random(9);
        int n = 1000;
        var x = new double[n];
        var y = new double[n];
        var independent = new double[n];
        double noise = 0;
        for (var i = 1; i < n; i++)
        {
            x[i] = x[i - 1] + random.NextDouble() - 0.5;
            independent[i] = independent[i - 1] + random.NextDouble() - 0.5;
            noise = (0.5 * noise) + ((random.NextDouble() - 0.5) * 0.2);
            y[i] = 0.3 + (1.5 * x[i]) + noise;
        }

        var pair = EngleGranger.Test(y, x, lags: 1, significance: 0.05);
        var walks = EngleGranger.Test(independent, x, lags: 1, significance: 0.05);

        Assert.That(pair.HedgeRatio, Is.EqualTo(1.5).Within(0.02));
        Assert.That(pair.IsCointegrated, Is.True);
        Assert.That(walks.IsCointegrated, Is.False);
    }

    [Test]
    public void Pairs_shorts_a_wide_spread_and_buys_the_hedge_leg()
    {
        var random = new Random(3);
        var bars = new List<Bar[]>();
        double b = 100, noise = 0;
        for (var i = 0; i < 400; i++)
        {
            b *= 1 + ((random.NextDouble() - 0.5) * 0.01);
            noise = (0.5 * noise) + ((random.NextDouble() - 0.5) * 0.002);
            var a = Math.Exp(0.1 + Math.Log(b) + noise + (i == 399 ? 0.05 : 0));
            bars.Add([new Bar(i, a, a, a, a, 1), new Bar(i, b, b, b, b, 1)]);
        }

        var pairs = new PairsStrategy(lookback: 300, refit: 500, entryZ: 2, exitZ: 0.5);
        var context = new StrategyContext(2);
        for (var i = 0; i < bars.Count; i++)
        {
            context.BeginBar(i, 10_000);
            pairs.OnBar(bars[i], context);
        }

        Assert.That(pairs.LastFit.IsCointegrated, Is.True);
        Assert.That(context.SignalOf(0).Direction, Is.EqualTo(SignalDirection.Short));
        Assert.That(context.SignalOf(1).Direction, Is.EqualTo(SignalDirection.Long));
        Assert.That(context.SignalOf(0).Strength + context.SignalOf(1).Strength, Is.EqualTo(1).Within(1e-12));
    }
}
