using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

// Limit 10 000: buying 99.99 @ 100 makes 9 999, 100.01 makes 10 001.
public sealed class MaxPositionNotionalRuleTests : RiskRuleBattery
{
    protected override string ExpectedCode => "max_position_usd";

    protected override IRiskRule CreateRule() => new MaxPositionNotionalRule(10_000m);

    protected override RiskScenario JustUnderTheLimit() => new(RiskScenario.Book(100_000m), new RiskState(), RiskScenario.Buy(99.99m), 100m);

    protected override RiskScenario JustOverTheLimit() => new(RiskScenario.Book(100_000m), new RiskState(), RiskScenario.Buy(100.01m), 100m);

    protected override RiskScenario ReduceOnlyPastTheLimit() => new(RiskScenario.Book(100_000m, 200m), new RiskState(), RiskScenario.Sell(50m), 100m);

    [Test]
    public void Per_symbol_limit_overrides_the_default()
    {
        var rule = new MaxPositionNotionalRule(10_000m, new Dictionary<string, decimal> { [RiskScenario.Symbol] = 5_000m });
        var scenario = new RiskScenario(RiskScenario.Book(100_000m), new RiskState(), RiskScenario.Buy(50.01m), 100m);
        Assert.That(scenario.CheckWith(rule).Code, Is.EqualTo("max_position_usd"));
    }

    [Test]
    public void Flip_past_the_limit_is_not_reduce_only()
    {
        // Long 50, sell 160: short 110 · 100 = 11 000 notional.
        var scenario = new RiskScenario(RiskScenario.Book(100_000m, 50m), new RiskState(), RiskScenario.Sell(160m), 100m);
        Assert.That(scenario.CheckWith(CreateRule()).IsAllowed, Is.False);
    }
}
