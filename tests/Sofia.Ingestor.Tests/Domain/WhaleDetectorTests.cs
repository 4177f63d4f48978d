using Sofia.Contracts.V1;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Tests.Domain;

public sealed class WhaleDetectorTests
{
    private static readonly WhaleRules Rules = new(100_000m, TimeSpan.FromSeconds(60), 0.75, 1_000_000m);

    [TestCase(99_999.99, false)]
    [TestCase(100_000, true)]
    [TestCase(250_000, true)]
    public void Large_trade_is_one_whose_notional_reaches_the_threshold(decimal notional, bool large) =>
        Assert.That(new WhaleDetector(Rules, quotedInUsd: true).IsLarge(notional), Is.EqualTo(large));

    [Test]
    public void Markets_not_quoted_in_usd_raise_nothing()
    {
        var detector = new WhaleDetector(Rules, quotedInUsd: false);

        Assert.Multiple(() =>
        {
            Assert.That(detector.IsLarge(10_000_000m), Is.False);
            Assert.That(detector.Observe(1_000_000, Side.Buy, 5_000_000m), Is.EqualTo(WhaleKind.Unspecified));
        });
    }

    [Test]
    public void Buy_dominated_window_flags_accumulation_once_per_episode()
    {
        var detector = new WhaleDetector(Rules, quotedInUsd: true);

        var first = detector.Observe(1_000_000, Side.Buy, 900_000m);
        var crossing = detector.Observe(2_000_000, Side.Buy, 200_000m);
        var again = detector.Observe(3_000_000, Side.Buy, 100_000m);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(WhaleKind.Unspecified), "below the window's minimum notional");
            Assert.That(crossing, Is.EqualTo(WhaleKind.Accumulation));
            Assert.That(again, Is.EqualTo(WhaleKind.Unspecified), "the same episode alerts once");
        });
    }

    [Test]
    public void Sell_dominated_window_flags_distribution_and_old_trades_leave_the_window()
    {
        var detector = new WhaleDetector(Rules, quotedInUsd: true);
        detector.Observe(0, Side.Buy, 2_000_000m);

        var later = detector.Observe(61_000_000, Side.Sell, 1_500_000m);

        Assert.Multiple(() =>
        {
            Assert.That(later, Is.EqualTo(WhaleKind.Distribution), "the buy 61 s ago no longer counts");
            Assert.That(detector.BuyShare, Is.Zero);
        });
    }

    [Test]
    public void Balanced_flow_flags_nothing()
    {
        var detector = new WhaleDetector(Rules, quotedInUsd: true);
        detector.Observe(1_000_000, Side.Buy, 800_000m);

        Assert.That(detector.Observe(1_500_000, Side.Sell, 700_000m), Is.EqualTo(WhaleKind.Unspecified));
    }
}
