using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Metrics;

public sealed class PermutationTestTests
{
    [Test]
    public void Strategy_without_returns_has_a_p_value_of_one()
    {
        // Every permuted mean is 0, which ties the observed 0: p = (1 + 99) / (1 + 99).
        var result = PermutationTest.SignFlip(new double[50], 99, seed: 7);
        Assert.That(result, Is.EqualTo(new PermutationResult(0, 99, 99, 1.0)));
    }

    [Test]
    public void Always_positive_returns_reach_the_smallest_possible_p_value()
    {
        // 30 positive returns: a permutation matches only if all 30 signs stay positive (probability 2^-30).
        var returns = new double[30];
        for (var i = 0; i < returns.Length; i++)
        {
            returns[i] = 0.001 * (i + 1);
        }

        var result = PermutationTest.SignFlip(returns, 199, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(result.AtLeastAsGood, Is.Zero);
            Assert.That(result.PValue, Is.EqualTo(1.0 / 200));
        });
    }

    [Test]
    public void Perfect_timing_beats_every_shuffle_of_market_returns()
    {
        // Positions equal the sign of the coming return: observed = mean |r|, reachable only by 1 of C(40,20) orders.
        var market = new double[40];
        var positions = new double[40];
        for (var i = 0; i < market.Length; i++)
        {
            market[i] = (i % 2 == 0 ? 1 : -1) * 0.001 * (i + 1);
            positions[i] = Math.Sign(market[i]);
        }

        var result = PermutationTest.ShuffleMarketReturns(positions, market, 499, seed: 3);
        Assert.Multiple(() =>
        {
            Assert.That(result.Observed, Is.EqualTo(0.0205).Within(1e-15));
            Assert.That(result.PValue, Is.EqualTo(1.0 / 500));
        });
    }

    [Test]
    public void Symmetric_returns_show_no_edge()
    {
        double[] returns = [0.01, -0.01, 0.02, -0.02, 0.03, -0.03, 0.005, -0.005];
        var result = PermutationTest.SignFlip(returns, 999, seed: 11);
        Assert.That(result.PValue, Is.GreaterThan(0.3));
    }

    [Test]
    public void Same_seed_gives_the_same_result_and_another_seed_may_differ()
    {
        double[] returns = [0.01, -0.004, 0.002, 0.003, -0.006, 0.001, 0.004, -0.002];
        var first = PermutationTest.SignFlip(returns, 500, seed: 42);
        var again = PermutationTest.SignFlip(returns, 500, seed: 42);
        Assert.That(again, Is.EqualTo(first));
    }

    // Observed statistic: mean(position · return) = (1·0.02 + 0·0.05 − 1·(−0.01) + 0.5·0.04) / 4 = 0.0125.
    [Test]
    public void Shuffle_test_statistic_is_the_mean_position_weighted_return()
    {
        var result = PermutationTest.ShuffleMarketReturns([1.0, 0, -1, 0.5], [0.02, 0.05, -0.01, 0.04], 0, seed: 1);
        Assert.That(result, Is.EqualTo(new PermutationResult(0.0125, 0, 0, 1.0)));
    }
}
