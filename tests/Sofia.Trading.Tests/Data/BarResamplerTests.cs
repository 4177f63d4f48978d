using Sofia.Trading.Data;
using static Sofia.Trading.Tests.Data.BinanceKlineFiles;

namespace Sofia.Trading.Tests.Data;

public sealed class BarResamplerTests
{
    private const long Minute = 60_000_000;

    [Test]
    public void Five_one_minute_bars_make_one_five_minute_bar()
    {
        var bars = new[]
        {
            new Bar(5 * Minute, 10, 11, 9, 10.5, 1),
            new Bar(6 * Minute, 10.5, 13, 10, 12, 2),
            new Bar(7 * Minute, 12, 12.5, 8, 9, 3),
            new Bar(8 * Minute, 9, 10, 8.5, 9.5, 4),
            new Bar(9 * Minute, 9.5, 9.8, 9.1, 9.7, 5),
            new Bar(10 * Minute, 9.7, 9.9, 9.6, 9.8, 6),
        };

        Assert.That(BarResampler.Resample(bars, TimeSpan.FromMinutes(5)), Is.EqualTo(new[]
        {
            new Bar(5 * Minute, 10, 13, 8, 9.7, 15),
            new Bar(10 * Minute, 9.7, 9.9, 9.6, 9.8, 6),
        }));
    }

    [Test]
    public void Resampled_bar_starts_on_its_interval_even_when_the_first_source_bar_is_later()
    {
        var resampler = new BarResampler(TimeSpan.FromHours(1));
        resampler.Add(new Bar(17 * Minute, 1, 2, 0.5, 1.5, 1), out _);

        Assert.That(resampler.Flush(out var bar), Is.True);
        Assert.That(bar, Is.EqualTo(new Bar(0, 1, 2, 0.5, 1.5, 1)));
    }

    [Test]
    public void Out_of_order_source_bar_is_counted_and_dropped()
    {
        var resampler = new BarResampler(TimeSpan.FromMinutes(5));
        resampler.Add(new Bar(5 * Minute, 1, 1, 1, 1, 1), out _);

        Assert.That(resampler.Add(new Bar(4 * Minute, 9, 9, 9, 9, 9), out _), Is.False);
        Assert.That(resampler.DroppedBars, Is.EqualTo(1));
        Assert.That(resampler.CloseDue(10 * Minute, out var bar), Is.True);
        Assert.That(bar, Is.EqualTo(new Bar(5 * Minute, 1, 1, 1, 1, 1)));
    }

    [TestCase(5)]
    [TestCase(15)]
    [TestCase(60)]
    [TestCase(240)]
    [TestCase(1440)]
    public void Real_minutes_resample_like_a_plain_group_by_interval(int minutes)
    {
        var source = BarFileReader.ReadAll(Csv(Btc2023));
        var interval = minutes * Minute;

        var resampled = BarResampler.Resample(source, TimeSpan.FromMinutes(minutes));

        var expected = source.GroupBy(b => b.OpenTimeUs / interval * interval).Select(g => new Bar(
            g.Key, g.First().Open, g.Max(b => b.High), g.Min(b => b.Low), g.Last().Close, g.Sum(b => b.Volume))).ToArray();
        Assert.That(resampled, Has.Length.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(resampled[i] with { Volume = 0 }, Is.EqualTo(expected[i] with { Volume = 0 }), $"bar {i}");
            Assert.That(resampled[i].Volume, Is.EqualTo(expected[i].Volume).Within(1e-6), $"bar {i}");
        }
    }

    [Test]
    public void Daily_bars_open_at_midnight_utc()
    {
        var daily = BarResampler.Resample(BarFileReader.ReadAll(Csv(Btc2023)), TimeSpan.FromDays(1));

        // The file starts 2023-03-16 22:15 and ends 2023-05-01 21:01: 47 calendar days, the first and last partial.
        Assert.That(daily, Has.Length.EqualTo(47));
        Assert.That(daily[0].OpenTimeUs, Is.EqualTo(Us(2023, 3, 16, 0, 0)));
        Assert.That(daily[0].Open, Is.EqualTo(24899.18));
        Assert.That(daily[^1].OpenTimeUs, Is.EqualTo(Us(2023, 5, 1, 0, 0)));
        Assert.That(daily[^1].Close, Is.EqualTo(27753.63));
    }
}
