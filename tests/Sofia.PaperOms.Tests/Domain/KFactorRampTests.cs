using Sofia.PaperOms.Domain;

namespace Sofia.PaperOms.Tests.Domain;

[TestFixture]
public sealed class KFactorRampTests
{
    private const long Day = 86_400_000_000;

    private static readonly KFactorRampSettings Gates = new() { GateDrawdown = 0.05m, GateLoss = 0.03m };

    [Test]
    public void Ramp_moves_up_one_stage_after_each_full_day_to_full_size()
    {
        var ramp = new KFactorRamp(Gates);
        Assert.That(ramp.Step(Day, 100m), Is.Null);
        Assert.That(ramp.Factor, Is.EqualTo(0.25m));
        Assert.That(ramp.Step((2 * Day) - 1, 100m), Is.Null, "one microsecond short of a day");
        Assert.That(ramp.Step(2 * Day, 100m), Is.EqualTo(KFactorRamp.Promoted));
        Assert.That(ramp.Factor, Is.EqualTo(0.5m));
        Assert.That(ramp.Step(3 * Day, 100m), Is.EqualTo(KFactorRamp.Promoted));
        Assert.That(ramp.Factor, Is.EqualTo(1m));
        Assert.That(ramp.Step(9 * Day, 100m), Is.Null, "no stage above 1.0");
        Assert.That(ramp.Factor, Is.EqualTo(1m));
    }

    [Test]
    public void Drawdown_past_the_gate_moves_the_book_down_one_stage_and_restarts_its_clock()
    {
        var ramp = new KFactorRamp(Gates);
        ramp.Step(0, 100m);
        ramp.Step(Day, 100m);
        Assert.That(ramp.Factor, Is.EqualTo(0.5m));
        ramp.Step(Day + 1, 110m);
        // Peak 110; 104 is a 5.45 % drawdown (gate 5 %) but only a 4 % rise over the stage's start: the drawdown gate.
        Assert.That(ramp.Step(Day + 2, 104m), Is.EqualTo(KFactorRamp.GateDrawdown));
        Assert.Multiple(() =>
        {
            Assert.That(ramp.Factor, Is.EqualTo(0.25m));
            Assert.That(ramp.StageStartUs, Is.EqualTo(Day + 2));
            Assert.That(ramp.StagePeakEquity, Is.EqualTo(104m));
        });
    }

    [Test]
    public void Loss_past_the_gate_moves_the_book_down_and_the_lowest_stage_stays()
    {
        var ramp = new KFactorRamp(Gates with { GateDrawdown = 0m });
        ramp.Step(0, 100m);
        // 96.9 is a 3.1 % loss since the stage started (gate 3 %).
        Assert.That(ramp.Step(10, 96.9m), Is.EqualTo(KFactorRamp.GateLoss));
        Assert.That(ramp.Factor, Is.EqualTo(0.25m));
        Assert.That(ramp.Step(20, 97m), Is.Null, "measured from the restarted stage");
    }
}
