using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

// Limit 20 % below a 12 000 peak: equity 9 601 (19.99 %) is allowed, 9 599 (20.01 %) halts.
public sealed class MaxDrawdownRuleTests : RiskRuleBattery
{
    protected override string ExpectedCode => "max_drawdown";

    protected override IRiskRule CreateRule() => new MaxDrawdownRule(0.2m);

    protected override RiskScenario JustUnderTheLimit() => Scenario(96.01m, RiskScenario.Buy(1m));

    protected override RiskScenario JustOverTheLimit() => Scenario(95.99m, RiskScenario.Buy(1m));

    protected override RiskScenario ReduceOnlyPastTheLimit() => Scenario(80m, RiskScenario.Sell(10m));

    // The book spent its 10 000 on 100 units at 100, so equity = 100 · mark.
    private static RiskScenario Scenario(decimal mark, Sofia.Trading.Execution.Order order)
    {
        var state = new RiskState();
        state.Observe(-86_400_000_000L, 12_000m);
        return new RiskScenario(RiskScenario.Book(10_000m, 100m, mark), state, order, mark);
    }
}
