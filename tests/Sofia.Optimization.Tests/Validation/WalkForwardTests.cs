using Sofia.Optimization.Validation;

namespace Sofia.Optimization.Tests.Validation;

[TestFixture]
public sealed class WalkForwardTests
{
    [Test]
    public void Rolling_windows_slide_by_the_stride_until_the_test_no_longer_fits()
    {
        // 100 bars, train 40, test 20, stride 15: tests start at 40, 55, 70; 85 + 20 > 100 stops.
        var folds = new WalkForward(40, 20, 15).Folds(100);

        Assert.That(folds.Select(f => f.Test), Is.EqualTo(new[] { new Segment(40, 60), new Segment(55, 75), new Segment(70, 90) }));
        Assert.That(folds.Select(f => f.Train.Single()), Is.EqualTo(new[] { new Segment(0, 40), new Segment(15, 55), new Segment(30, 70) }));
    }

    [Test]
    public void Anchored_windows_always_train_from_the_first_bar()
    {
        var folds = new WalkForward(40, 20, 20, Anchored: true).Folds(100);

        Assert.That(folds.Select(f => f.Test), Is.EqualTo(new[] { new Segment(40, 60), new Segment(60, 80), new Segment(80, 100) }));
        Assert.That(folds.Select(f => f.Train.Single()), Is.EqualTo(new[] { new Segment(0, 40), new Segment(0, 60), new Segment(0, 80) }));
    }

    [Test]
    public void A_gap_separates_training_from_test()
    {
        var folds = new WalkForward(30, 10, 10, Gap: 5).Folds(60);

        Assert.That(folds.Select(f => (f.Train.Single(), f.Test)), Is.EqualTo(new[]
        {
            (new Segment(0, 30), new Segment(35, 45)),
            (new Segment(10, 40), new Segment(45, 55)),
        }));
    }

    [Test]
    public void Five_folds_tile_the_real_file_length_with_tests_back_to_back()
    {
        // 66 087 bars, 5 folds, train = 2 · test: test = ⌊66 087 / 7⌋ = 9 441, train = 18 882.
        var scheme = WalkForward.ForFolds(66_087, 5);
        var folds = scheme.Folds(66_087);

        Assert.That((scheme.Train, scheme.Test, scheme.Stride), Is.EqualTo((18_882, 9_441, 9_441)));
        Assert.That(folds, Has.Count.EqualTo(5));
        Assert.That(folds[0].Test, Is.EqualTo(new Segment(18_882, 28_323)));
        Assert.That(folds[4].Test, Is.EqualTo(new Segment(56_646, 66_087)));
        Assert.That(folds[4].Train.Single(), Is.EqualTo(new Segment(37_764, 56_646)));
    }

    [Test]
    public void Too_short_data_is_rejected_with_a_message()
    {
        Assert.That(() => new WalkForward(40, 20, 10).Folds(59), Throws.ArgumentException.With.Message.Contains("59 bars"));
    }
}
