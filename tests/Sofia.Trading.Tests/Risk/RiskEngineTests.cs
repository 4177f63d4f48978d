using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

public sealed class RiskEngineTests
{
    private const long Day = 86_400_000_000L;

    private static readonly string[] StandardOrder = ["kill_switch", "daily_loss_limit", "max_drawdown", "max_position_usd", "max_gross_leverage"];

    private static readonly RiskLimits Limits = new()
    {
        MaxPositionUsd = 50_000m,
        MaxGrossLeverage = 3m,
        DailyLossLimit = 0.05m,
        MaxDrawdown = 0.2m,
    };

    [Test]
    public void Standard_engine_runs_the_kill_switch_first_and_then_every_configured_rule()
    {
        var codes = RiskEngine.Create(Limits).Rules.Select(r => r.Code);
        Assert.That(codes, Is.EqualTo(StandardOrder));
    }

    [Test]
    public void Order_within_every_limit_is_allowed_without_allocating()
    {
        var engine = RiskEngine.Create(Limits);
        var account = RiskScenario.Book(10_000m);
        var order = RiskScenario.Buy(10m);
        engine.Check(order, 100m, account, RiskScenario.Noon);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decision = RiskDecision.Allow;
        for (var i = 0; i < 1_000; i++)
        {
            decision = engine.Check(order, 100m, account, RiskScenario.Noon);
        }

        Assert.That((decision, GC.GetAllocatedBytesForCurrentThread() - before), Is.EqualTo((RiskDecision.Allow, 0L)));
    }

    [Test]
    public void First_failing_rule_gives_the_reason()
    {
        // 600 @ 100 = 60 000: over the position limit (50 000) and the leverage limit (30 000); position comes first.
        var engine = RiskEngine.Create(Limits);
        var decision = engine.Check(RiskScenario.Buy(600m), 100m, RiskScenario.Book(10_000m), RiskScenario.Noon);
        Assert.That(decision.Code, Is.EqualTo("max_position_usd"));
    }

    [Test]
    public void Kill_switch_blocks_new_exposure_until_released()
    {
        var engine = RiskEngine.Create(Limits);
        var account = RiskScenario.Book(10_000m);
        engine.State.EngageKillSwitch("manual halt");
        var engaged = engine.Check(RiskScenario.Buy(1m), 100m, account, RiskScenario.Noon);
        engine.State.ReleaseKillSwitch();
        var released = engine.Check(RiskScenario.Buy(1m), 100m, account, RiskScenario.Noon);

        Assert.Multiple(() =>
        {
            Assert.That(engaged.Code, Is.EqualTo("kill_switch"));
            Assert.That(engaged.Reason, Does.Contain("manual halt"));
            Assert.That(released.IsAllowed, Is.True);
        });
    }

    [Test]
    public void Daily_loss_halt_lasts_until_the_next_utc_day()
    {
        // All 10 000 in 100 units @ 100: equity = 100 · mark. Day 1 starts at 10 000 and falls to 9 400 (6 %).
        var engine = RiskEngine.Create(Limits with { MaxDrawdown = 0m });
        var account = RiskScenario.Book(10_000m, 100m, 100m);
        engine.Observe(account, Day + 1);
        account.Mark(RiskScenario.Symbol, 94m);
        var sameDay = engine.Check(RiskScenario.Buy(1m), 94m, account, Day + 3_600_000_000L);
        account.Mark(RiskScenario.Symbol, 96m);
        var laterSameDay = engine.Check(RiskScenario.Buy(1m), 96m, account, (2 * Day) - 1);
        var nextDay = engine.Check(RiskScenario.Buy(1m), 96m, account, 2 * Day);

        Assert.Multiple(() =>
        {
            Assert.That(sameDay.Code, Is.EqualTo("daily_loss_limit"));
            Assert.That(laterSameDay.Code, Is.EqualTo("daily_loss_limit"), "a bounce does not lift the halt");
            Assert.That(nextDay.IsAllowed, Is.True);
            Assert.That(engine.State.DayStartEquity, Is.EqualTo(9_600m));
        });
    }

    [Test]
    public void Drawdown_halt_is_latched_until_reset()
    {
        var engine = RiskEngine.Create(Limits with { DailyLossLimit = 0m });
        var account = RiskScenario.Book(10_000m, 100m, 100m);
        engine.Observe(account, 0);
        account.Mark(RiskScenario.Symbol, 75m);
        engine.Observe(account, Day);
        account.Mark(RiskScenario.Symbol, 85m);
        var afterBounce = engine.Check(RiskScenario.Buy(1m), 85m, account, 2 * Day);
        engine.State.ResetDrawdown();
        var afterReset = engine.Check(RiskScenario.Buy(1m), 85m, account, 2 * Day);

        Assert.Multiple(() =>
        {
            Assert.That(afterBounce.Code, Is.EqualTo("max_drawdown"));
            Assert.That(afterReset.IsAllowed, Is.True);
            Assert.That(engine.State.PeakEquity, Is.EqualTo(8_500m));
        });
    }
}
