using System.Globalization;
using Sofia.Testing;
using Sofia.Trading.Data;

namespace Sofia.Trading.Tests.Data;

public sealed class TimeBarAggregatorTests
{
    private const long Second = 1_000_000;
    private const long Minute = 60 * Second;

    [Test]
    public void Trades_of_one_minute_make_one_bar_emitted_by_the_next_minutes_first_trade()
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(1));
        Assert.That(aggregator.Add(new TradeTick(10 * Second, 100, 1, true), out _), Is.False);
        Assert.That(aggregator.Add(new TradeTick(30 * Second, 105, 2, false), out _), Is.False);
        Assert.That(aggregator.Add(new TradeTick(Minute - 1, 95, 1, true), out _), Is.False);

        Assert.That(aggregator.Add(new TradeTick(Minute, 101, 3, false), out var bar), Is.True);
        Assert.That(bar, Is.EqualTo(new AggregatedBar(new Bar(0, 100, 105, 95, 95, 4), BuyVolume: 2, TradeCount: 3)));
        Assert.That(aggregator.OpenBar, Is.EqualTo(new AggregatedBar(new Bar(Minute, 101, 101, 101, 101, 3), 0, 1)));
    }

    // 2023-03-24 12:03:17.5 UTC = 1679659397.5 s; 1679659397 = 7 · 239951342 + 3, so 7 s bars start at 12:03:14.
    [TestCase(60, "2023-03-24T12:03:00Z")]
    [TestCase(300, "2023-03-24T12:00:00Z")]
    [TestCase(900, "2023-03-24T12:00:00Z")]
    [TestCase(3600, "2023-03-24T12:00:00Z")]
    [TestCase(14400, "2023-03-24T12:00:00Z")]
    [TestCase(86400, "2023-03-24T00:00:00Z")]
    [TestCase(7, "2023-03-24T12:03:14Z")]
    public void Bars_align_to_epoch_multiples_of_the_interval(int seconds, string expectedOpen)
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromSeconds(seconds));
        aggregator.Add(new TradeTick(1_679_659_397_500_000, 10, 1, true), out _);

        var expected = DateTimeOffset.Parse(expectedOpen, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1000;
        Assert.That(aggregator.OpenBar.Bar.OpenTimeUs, Is.EqualTo(expected));
    }

    [Test]
    public void Intervals_without_trades_produce_no_bar()
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(1));
        aggregator.Add(new TradeTick(5 * Second, 10, 1, true), out _);

        Assert.That(aggregator.Add(new TradeTick((3 * Minute) + Second, 11, 1, true), out var bar), Is.True);
        Assert.That(bar.Bar.OpenTimeUs, Is.Zero);
        Assert.That(aggregator.OpenBar.Bar.OpenTimeUs, Is.EqualTo(3 * Minute));
    }

    [Test]
    public void Trade_older_than_the_open_bar_is_counted_and_dropped()
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(1));
        aggregator.Add(new TradeTick(Minute + Second, 10, 1, true), out _);

        Assert.That(aggregator.Add(new TradeTick(Minute - Second, 99, 5, true), out _), Is.False);
        Assert.That(aggregator.DroppedTrades, Is.EqualTo(1));
        Assert.That(aggregator.OpenBar, Is.EqualTo(new AggregatedBar(new Bar(Minute, 10, 10, 10, 10, 1), 1, 1)));
    }

    [Test]
    public void Trade_out_of_order_inside_the_open_bar_is_kept()
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(1));
        aggregator.Add(new TradeTick(30 * Second, 10, 1, true), out _);
        aggregator.Add(new TradeTick(20 * Second, 12, 1, false), out _);

        Assert.That(aggregator.DroppedTrades, Is.Zero);
        Assert.That(aggregator.OpenBar.Bar, Is.EqualTo(new Bar(0, 10, 12, 10, 12, 2)));
    }

    [Test]
    public void Clock_closes_a_bar_on_time_and_later_trades_for_it_are_dropped()
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(1));
        aggregator.Add(new TradeTick(10 * Second, 10, 2, false), out _);

        Assert.That(aggregator.CloseDue(Minute - 1, out _), Is.False);
        Assert.That(aggregator.CloseDue(Minute, out var bar), Is.True);
        Assert.That(bar, Is.EqualTo(new AggregatedBar(new Bar(0, 10, 10, 10, 10, 2), 0, 1)));
        Assert.That(aggregator.HasOpenBar, Is.False);
        Assert.That(aggregator.CloseDue(2 * Minute, out _), Is.False);

        Assert.That(aggregator.Add(new TradeTick(50 * Second, 11, 1, true), out _), Is.False);
        Assert.That(aggregator.DroppedTrades, Is.EqualTo(1));
        Assert.That(aggregator.Add(new TradeTick(Minute + Second, 12, 1, true), out _), Is.False);
        Assert.That(aggregator.OpenBar.Bar.OpenTimeUs, Is.EqualTo(Minute));
    }

    [Test]
    public void Flush_emits_the_open_bar_once()
    {
        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(5));
        aggregator.Add(new TradeTick(7 * Minute, 10, 1, true), out _);

        Assert.That(aggregator.Flush(out var bar), Is.True);
        Assert.That(bar.Bar.OpenTimeUs, Is.EqualTo(5 * Minute));
        Assert.That(aggregator.Flush(out _), Is.False);
    }

    [TestCase(0)]
    [TestCase(1500)]
    [TestCase(-60_000)]
    public void Interval_must_be_a_positive_whole_number_of_seconds(int milliseconds)
    {
        Assert.That(() => new TimeBarAggregator(TimeSpan.FromMilliseconds(milliseconds)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Real_trades_aggregate_like_a_plain_group_by_minute()
    {
        var lines = File.ReadAllLines(ReferenceData.File("binance-trades/XRP_ETH-trades.csv"));
        Assert.That(lines[0], Does.StartWith("time_ms,trade_id,price,qty,quote_qty,side_taker"));
        var trades = lines.Skip(1).Select(l => l.Split(',')).Select(f => new TradeTick(
            long.Parse(f[0], CultureInfo.InvariantCulture) * 1000,
            double.Parse(f[2], CultureInfo.InvariantCulture),
            double.Parse(f[3], CultureInfo.InvariantCulture),
            f[5] == "buy")).ToArray();

        var aggregator = new TimeBarAggregator(TimeSpan.FromMinutes(1));
        var bars = new List<AggregatedBar>();
        foreach (var trade in trades)
        {
            if (aggregator.Add(trade, out var bar))
            {
                bars.Add(bar);
            }
        }

        if (aggregator.Flush(out var last))
        {
            bars.Add(last);
        }

        var expected = trades.GroupBy(t => t.TimeUs / Minute * Minute).Select(g => new AggregatedBar(
            new Bar(g.Key, g.First().Price, g.Max(t => t.Price), g.Min(t => t.Price), g.Last().Price, g.Sum(t => t.Quantity)),
            g.Where(t => t.TakerIsBuyer).Sum(t => t.Quantity),
            g.Count())).ToArray();
        Assert.That(aggregator.DroppedTrades, Is.Zero);
        Assert.That(bars, Has.Count.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(bars[i].Bar.OpenTimeUs, Is.EqualTo(expected[i].Bar.OpenTimeUs));
            Assert.That(bars[i].Bar.Close, Is.EqualTo(expected[i].Bar.Close));
            Assert.That(bars[i].Bar.High, Is.EqualTo(expected[i].Bar.High));
            Assert.That(bars[i].Bar.Low, Is.EqualTo(expected[i].Bar.Low));
            Assert.That(bars[i].Bar.Volume, Is.EqualTo(expected[i].Bar.Volume).Within(1e-9));
            Assert.That(bars[i].BuyVolume, Is.EqualTo(expected[i].BuyVolume).Within(1e-9));
            Assert.That(bars[i].TradeCount, Is.EqualTo(expected[i].TradeCount));
        }
    }
}
