using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

// Limit 2x on 10 000 equity: buying 199.99 @ 100 makes 19 999 gross, 200.01 makes 20 001.
public sealed class MaxGrossLeverageRuleTests : RiskRuleBattery
{
    protected override string ExpectedCode => "max_gross_leverage";

    protected override IRiskRule CreateRule() => new MaxGrossLeverageRule(2m);

    protected override RiskScenario JustUnderTheLimit() => new(RiskScenario.Book(10_000m), new RiskState(), RiskScenario.Buy(199.99m), 100m);

    protected override RiskScenario JustOverTheLimit() => new(RiskScenario.Book(10_000m), new RiskState(), RiskScenario.Buy(200.01m), 100m);

    // Long 300 @ 100 on 10 000 equity is 3x; selling 100 is allowed.
    protected override RiskScenario ReduceOnlyPastTheLimit() => new(RiskScenario.Book(10_000m, 300m), new RiskState(), RiskScenario.Sell(100m), 100m);

    [Test]
    public void Existing_exposure_counts_toward_the_limit()
    {
        // Long 150 (15 000 gross) on 10 000 equity: buying 50.01 more crosses 20 000.
        var scenario = new RiskScenario(RiskScenario.Book(10_000m, 150m), new RiskState(), RiskScenario.Buy(50.01m), 100m);
        Assert.That(scenario.CheckWith(CreateRule()).Code, Is.EqualTo("max_gross_leverage"));
    }
}
