using Sofia.Optimization.Validation;

namespace Sofia.Optimization.Tests.Validation;

[TestFixture]
public sealed class PurgedKFoldTests
{
    [Test]
    public void Hand_worked_folds_purge_before_and_embargo_after_each_test_block()
    {
        // 100 bars, K = 4, purge 5, embargo 3: blocks of 25.
        var folds = new PurgedKFold(4, 5, 3).Folds(100);

        Assert.That(folds.Select(f => f.Test), Is.EqualTo(new[] { new Segment(0, 25), new Segment(25, 50), new Segment(50, 75), new Segment(75, 100) }));
        Assert.That(folds[0].Train, Is.EqualTo(new[] { new Segment(28, 100) }));
        Assert.That(folds[1].Train, Is.EqualTo(new[] { new Segment(0, 20), new Segment(53, 100) }));
        Assert.That(folds[3].Train, Is.EqualTo(new[] { new Segment(0, 70) }));
    }

    [Test]
    public void No_test_bar_nor_any_purged_or_embargoed_bar_is_ever_in_training_for_random_settings()
    {
        var random = new Random(20_240_601);
        var problems = new List<string>();
        for (var round = 0; round < 500; round++)
        {
            var bars = random.Next(10, 3000);
            var k = random.Next(2, Math.Min(12, bars) + 1);
            var purge = random.Next(0, 200);
            var embargo = random.Next(0, 200);
            var setting = $"bars={bars} k={k} purge={purge} embargo={embargo}";
            var tested = new int[bars];
            foreach (var fold in new PurgedKFold(k, purge, embargo).Folds(bars))
            {
                var forbiddenFrom = fold.Test.Start - purge;
                var forbiddenTo = fold.Test.End + embargo;
                var training = new bool[bars];
                foreach (var segment in fold.Train)
                {
                    for (var i = segment.Start; i < segment.End; i++)
                    {
                        if (training[i] || (i >= forbiddenFrom && i < forbiddenTo))
                        {
                            problems.Add($"{setting}: bar {i} trains for test {fold.Test} (or twice)");
                        }

                        training[i] = true;
                    }
                }

                for (var i = fold.Test.Start; i < fold.Test.End; i++)
                {
                    tested[i]++;
                }

                // Everything outside the forbidden span trains: the purge takes no more than it must.
                for (var i = 0; i < bars; i++)
                {
                    if (training[i] != (i < forbiddenFrom || i >= forbiddenTo))
                    {
                        problems.Add($"{setting}: bar {i} is wrongly left out of training for test {fold.Test}");
                    }
                }
            }

            if (tested.Any(count => count != 1))
            {
                problems.Add($"{setting}: not every bar is tested exactly once");
            }
        }

        Assert.That(problems, Is.Empty);
    }
}
