using Sofia.Optimization.Validation;

namespace Sofia.Optimization.Tests.Validation;

[TestFixture]
public sealed class HoldoutTests
{
    [Test]
    public void The_last_fraction_of_the_bars_is_held_out_with_its_warm_up_before_it()
    {
        // 1 000 bars, 20 %: bars 800..999 are held out, warmed up on the 300 bars 500..799.
        var holdout = Holdout.Last(1000, 0.2, 300)!;

        Assert.That((holdout.Start, holdout.WarmUp, holdout.End), Is.EqualTo((800, 300, 1000)));
        Assert.That(holdout.Fold.Train.Single(), Is.EqualTo(new Segment(500, 800)));
        Assert.That(holdout.Fold.Test, Is.EqualTo(new Segment(800, 1000)));
    }

    [Test]
    public void Warm_up_never_reaches_before_the_first_bar()
    {
        Assert.That(Holdout.Last(100, 0.3, 500)!.Fold.Train.Single(), Is.EqualTo(new Segment(0, 70)));
    }

    [Test]
    public void No_fraction_means_no_holdout_and_half_or_more_is_refused()
    {
        Assert.That(Holdout.Last(1000, 0, 300), Is.Null);
        Assert.That(() => Holdout.Last(1000, 0.5, 300), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
