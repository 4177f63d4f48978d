using Sofia.Exchanges;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Tests.Domain;

public sealed class BackfillRangeTests
{
    [Test]
    public void Pages_from_the_first_id_upward_shrink_the_range_from_below()
    {
        var range = new BackfillRange(new TradeIdGap(100, 299));

        Assert.That(range.Covered(100, 199), Is.True);
        Assert.That(range.Remaining, Is.EqualTo(new TradeIdGap(200, 299)));
        Assert.That(range.Covered(200, 299), Is.True);
        Assert.That(range.IsDone, Is.True);
    }

    [Test]
    public void Pages_from_the_last_id_downward_shrink_the_range_from_above()
    {
        var range = new BackfillRange(new TradeIdGap(100, 299));

        range.Covered(200, 299);

        Assert.That(range.Remaining, Is.EqualTo(new TradeIdGap(100, 199)));
    }

    [Test]
    public void Page_outside_the_range_is_no_progress()
    {
        var range = new BackfillRange(new TradeIdGap(100, 199));

        Assert.Multiple(() =>
        {
            Assert.That(range.Covered(300, 400), Is.False);
            Assert.That(range.Remaining, Is.EqualTo(new TradeIdGap(100, 199)));
        });
    }
}
