using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

// The kill switch has no level: "under" is released, "over" is engaged.
public sealed class KillSwitchRuleTests : RiskRuleBattery
{
    protected override string ExpectedCode => "kill_switch";

    protected override IRiskRule CreateRule() => new KillSwitchRule();

    protected override RiskScenario JustUnderTheLimit() => new(RiskScenario.Book(10_000m), new RiskState(), RiskScenario.Buy(1m), 100m);

    protected override RiskScenario JustOverTheLimit() => new(RiskScenario.Book(10_000m), Engaged(), RiskScenario.Buy(1m), 100m);

    protected override RiskScenario ReduceOnlyPastTheLimit() => new(RiskScenario.Book(10_000m, 10m), Engaged(), RiskScenario.Sell(10m), 100m);

    private static RiskState Engaged()
    {
        var state = new RiskState();
        state.EngageKillSwitch("operator");
        return state;
    }
}
