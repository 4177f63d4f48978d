using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

// Limit 5 % of the day's 10 000 start: long 100 @ 100 marked at 95.01 loses 499 (4.99 %), at 94.99 loses 501.
public sealed class DailyLossLimitRuleTests : RiskRuleBattery
{
    protected override string ExpectedCode => "daily_loss_limit";

    protected override IRiskRule CreateRule() => new DailyLossLimitRule(0.05m);

    protected override RiskScenario JustUnderTheLimit() => Scenario(95.01m, RiskScenario.Buy(1m));

    protected override RiskScenario JustOverTheLimit() => Scenario(94.99m, RiskScenario.Buy(1m));

    protected override RiskScenario ReduceOnlyPastTheLimit() => Scenario(90m, RiskScenario.Sell(10m));

    private static RiskScenario Scenario(decimal mark, Sofia.Trading.Execution.Order order)
    {
        var state = new RiskState();
        state.Observe(0, 10_000m);
        return new RiskScenario(RiskScenario.Book(10_000m, 100m, mark), state, order, mark);
    }
}
