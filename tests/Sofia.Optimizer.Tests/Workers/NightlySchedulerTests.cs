using Sofia.Optimizer.Workers;

namespace Sofia.Optimizer.Tests.Workers;

[TestFixture]
public sealed class NightlySchedulerTests
{
    [TestCase("2026-11-21T05:00:00Z", "2026-11-21T21:00:00Z")]
    [TestCase("2026-11-21T21:00:00Z", "2026-11-22T21:00:00Z")]
    [TestCase("2026-12-31T22:30:00Z", "2027-01-01T21:00:00Z")]
    public void Default_schedule_fires_at_21_00_utc_every_day(string now, string expected)
    {
        var next = NightlyScheduler.NextRun("0 0 21 * * ?", DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(next, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_configured_schedule_is_honoured()
    {
        // 02:30 UTC on weekdays; 2026-11-21 is a Saturday, so the next one is Monday the 23rd.
        var next = NightlyScheduler.NextRun("0 30 2 ? * MON-FRI", new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

        Assert.That(next, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.Zero)));
    }
}
