using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

/// <summary>
/// The checks every risk rule must pass: an order just under the limit is allowed, one just over is rejected with
/// the rule's reason code and a reason, a reduce-only order passes even past the limit, and the allowed path does
/// not allocate.
/// </summary>
public abstract class RiskRuleBattery
{
    protected abstract string ExpectedCode { get; }

    protected abstract IRiskRule CreateRule();

    protected abstract RiskScenario JustUnderTheLimit();

    protected abstract RiskScenario JustOverTheLimit();

    /// <summary>A position past the limit and an order that only shrinks it.</summary>
    protected abstract RiskScenario ReduceOnlyPastTheLimit();

    [Test]
    public void Rule_reports_its_reason_code() => Assert.That(CreateRule().Code, Is.EqualTo(ExpectedCode));

    [Test]
    public void Order_just_under_the_limit_is_allowed() =>
        Assert.That(JustUnderTheLimit().CheckWith(CreateRule()), Is.EqualTo(RiskDecision.Allow));

    [Test]
    public void Order_just_over_the_limit_is_rejected_with_the_reason_code()
    {
        var decision = JustOverTheLimit().CheckWith(CreateRule());
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.Code, Is.EqualTo(ExpectedCode));
            Assert.That(decision.Reason, Is.Not.Empty);
        });
    }

    [Test]
    public void Reduce_only_order_is_allowed_past_the_limit() =>
        Assert.That(ReduceOnlyPastTheLimit().CheckWith(CreateRule()).IsAllowed, Is.True);

    [Test]
    public void Allowed_check_does_not_allocate()
    {
        var rule = CreateRule();
        var scenario = JustUnderTheLimit();
        scenario.CheckWith(rule);
        var context = new Sofia.Trading.Risk.RiskContext(scenario.Order, scenario.Price, scenario.Account, scenario.State);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            rule.Check(context);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
