using Sofia.Trading.Sizing;

namespace Sofia.Trading.Tests.Sizing;

public sealed class PositionSizerTests
{
    private static readonly SizingInput Input = new(Equity: 10_000m, Price: 100m, AnnualizedVolatility: 0.8, Atr: 5);

    // 50 % of 10 000 at 100 = 50 units; K halves it; step 0.3 floors 50 to 49.8.
    [TestCase(0.5, 1, 0, 50)]
    [TestCase(0.5, 0.5, 0, 25)]
    [TestCase(0.5, 1, 0.3, 49.8)]
    [TestCase(2, 1, 0, 200)]
    public void Fixed_fraction_holds_a_fraction_of_equity(decimal fraction, decimal k, decimal step, decimal expected) =>
        Assert.That(new FixedFractionSizer(fraction, k, new LotSize(step, 0m)).Quantity(Input), Is.EqualTo(expected));

    // Target 20 % against 80 % realized: weight 0.25, 25 units; against 10 %: weight 2 capped at 1.5, 150 units.
    [TestCase(0.2, 0.8, 1, 25)]
    [TestCase(0.2, 0.1, 1, 150)]
    [TestCase(0.2, 0.1, 0.5, 75)]
    [TestCase(0.2, 0.0, 1, 0)]
    public void Volatility_target_scales_by_target_over_realized(double target, double realized, decimal k, decimal expected)
    {
        var sizer = new VolatilityTargetSizer(target, maxLeverage: 1.5m, kFactor: k);
        Assert.That(sizer.Quantity(Input with { AnnualizedVolatility = realized }), Is.EqualTo(expected));
    }

    // Risk 1 % of 10 000 = 100 over a 2 · ATR(5) = 10 stop: 10 units; a 5 % leverage cap allows only 5 units at 100.
    [TestCase(0, 1, 10)]
    [TestCase(0, 0.25, 2.5)]
    [TestCase(0.05, 1, 5)]
    public void Atr_sizer_risks_a_fraction_of_equity_per_stop_distance(decimal maxLeverage, decimal k, decimal expected) =>
        Assert.That(new AtrSizer(0.01m, 2m, maxLeverage, k).Quantity(Input), Is.EqualTo(expected));

    // p = 0.6, b = 2: f* = 0.6 − 0.4 / 2 = 0.4; half Kelly 0.2 of 10 000 at 100 = 20 units. p = 0.3, b = 1: f* < 0.
    [TestCase(0.6, 2, 0.5, 1, 20)]
    [TestCase(0.6, 2, 0.5, 0.5, 10)]
    [TestCase(0.6, 2, 1, 1, 40)]
    [TestCase(0.3, 1, 0.5, 1, 0)]
    public void Kelly_sizer_bets_a_fraction_of_the_kelly_fraction(decimal winRate, decimal payoff, decimal fraction, decimal k, decimal expected) =>
        Assert.That(new KellySizer(winRate, payoff, fraction, maxLeverage: 1m, kFactor: k).Quantity(Input), Is.EqualTo(expected));

    [Test]
    public void Kelly_fraction_is_p_minus_q_over_b() =>
        Assert.That(new KellySizer(0.55m, 1.5m).FullKelly, Is.EqualTo(0.55m - (0.45m / 1.5m)));

    [Test]
    public void Sizers_size_to_zero_without_equity()
    {
        var broke = Input with { Equity = 0m };
        Assert.Multiple(() =>
        {
            Assert.That(new FixedFractionSizer(1m).Quantity(broke), Is.Zero);
            Assert.That(new AtrSizer(0.01m, 2m).Quantity(broke), Is.Zero);
            Assert.That(new AtrSizer(0.01m, 2m).Quantity(Input with { Atr = 0 }), Is.Zero);
        });
    }

    [TestCase(-0.1)]
    [TestCase(1.1)]
    public void K_factor_outside_zero_to_one_is_refused(decimal k) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FixedFractionSizer(1m, k));
}
