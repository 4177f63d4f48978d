using Sofia.Optimization.Scoring;

namespace Sofia.Optimization.Tests.Scoring;

[TestFixture]
public sealed class ObjectiveScoreTests
{
    private static readonly ScoreWeights Weights = new();

    [Test]
    public void Score_is_the_weighted_sum_of_mar_sharpe_and_log_profit_factor()
    {
        // MAR 1.5, Sharpe 2.1, PF e (ln = 1): (1.5 + 2.1 + 1) / 3 = 1.533…
        var metrics = Metrics(mar: 1.5, sharpe: 2.1, profitFactor: Math.E, drawdown: 0.05, trades: 30);

        var (score, failure) = ObjectiveScore.Compute(metrics, Weights, new ScoringConstraints());

        Assert.That(failure, Is.Null);
        Assert.That(score, Is.EqualTo(4.6 / 3).Within(1e-12));
    }

    [Test]
    public void Each_term_is_capped_so_one_runaway_ratio_cannot_dominate()
    {
        // MAR 250 → 10, Sharpe −40 → −10, PF 0.5 → ln 0.5 = −0.693…: (10 − 10 − 0.6931…) / 3.
        var metrics = Metrics(mar: 250, sharpe: -40, profitFactor: 0.5, drawdown: 0.05, trades: 30);

        Assert.That(ObjectiveScore.Raw(metrics, Weights), Is.EqualTo(-0.6931471805599453 / 3).Within(1e-12));
    }

    [Test]
    public void Undefined_terms_take_their_documented_values()
    {
        // No drawdown with growth: MAR +10; no losing trade: PF +10; flat Sharpe NaN: 0.
        var noLoss = Metrics(mar: double.NaN, sharpe: double.NaN, profitFactor: double.PositiveInfinity, drawdown: 0, trades: 12) with { Cagr = 0.2 };
        // No trade at all: PF −10, MAR 0 (no growth).
        var idle = Metrics(mar: double.NaN, sharpe: double.NaN, profitFactor: double.NaN, drawdown: 0, trades: 0) with { Cagr = 0 };

        Assert.That(ObjectiveScore.Raw(noLoss, Weights), Is.EqualTo(20.0 / 3).Within(1e-12));
        Assert.That(ObjectiveScore.Raw(idle, Weights), Is.EqualTo(-10.0 / 3).Within(1e-12));
    }

    [Test]
    public void An_infeasible_set_scores_below_every_feasible_one_but_stays_ordered()
    {
        var constraints = new ScoringConstraints { MaxDrawdown = 0.10, MinTrades = 10 };
        var deep = Metrics(mar: 3, sharpe: 3, profitFactor: 2, drawdown: 0.25, trades: 40);
        var deeper = Metrics(mar: 1, sharpe: 1, profitFactor: 1.2, drawdown: 0.30, trades: 40);
        var worstFeasible = Metrics(mar: -10, sharpe: -10, profitFactor: 0.0001, drawdown: 0.09, trades: 10);

        var (deepScore, deepFailure) = ObjectiveScore.Compute(deep, Weights, constraints);
        var (deeperScore, _) = ObjectiveScore.Compute(deeper, Weights, constraints);
        var (feasibleScore, feasibleFailure) = ObjectiveScore.Compute(worstFeasible, Weights, constraints);

        Assert.That(deepFailure, Does.Contain("max drawdown 25.00 % is not below 10.00 %"));
        Assert.That(feasibleFailure, Is.Null);
        Assert.That(deepScore, Is.LessThan(feasibleScore));
        Assert.That(deeperScore, Is.LessThan(deepScore));
        Assert.That(deepScore, Is.EqualTo(((3 + 3 + Math.Log(2)) / 3) - 100).Within(1e-12));
    }

    [TestCase(9, 0.05, "9 trades, fewer than the minimum 10")]
    [TestCase(10, 0.10, "max drawdown 10.00 % is not below 10.00 %")]
    [TestCase(10, 0.0999, null)]
    public void Constraints_name_the_first_one_that_fails(int trades, double drawdown, string? expected)
    {
        var failure = new ScoringConstraints().Check(Metrics(1, 1, 1.5, drawdown, trades));

        Assert.That(failure, Is.EqualTo(expected));
    }

    [Test]
    public void Success_criteria_list_every_miss()
    {
        var criteria = new SuccessCriteria();

        Assert.That(criteria.IsMet(Metrics(mar: 0.51, sharpe: 1.21, profitFactor: 1.1, drawdown: 0.099, trades: 20)), Is.True);
        Assert.That(criteria.Failures(Metrics(mar: 0.5, sharpe: 1.2, profitFactor: 1.1, drawdown: 0.1, trades: 20)), Has.Count.EqualTo(3));
    }

    internal static OutOfSampleMetrics Metrics(double mar, double sharpe, double profitFactor, double drawdown, int trades) => new()
    {
        Mar = mar,
        Sharpe = sharpe,
        ProfitFactor = profitFactor,
        MaxDrawdown = drawdown,
        Trades = trades,
        Cagr = double.IsFinite(mar) ? mar * drawdown : double.NaN,
        PeriodsPerYear = 525_600,
    };
}
