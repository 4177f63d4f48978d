using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

public sealed class DonchianChannelsTests
{
    private static readonly Bar[] Bars =
    [
        new(0, 10, 12, 9, 11, 1),
        new(1, 11, 15, 10, 14, 1),
        new(2, 14, 14, 8, 9, 1),
        new(3, 9, 10, 7, 8, 1),
        new(4, 8, 20, 8, 19, 1),
    ];

    // Period 2 on the bars above. Preceding: bar 2 sees bars 0-1 (15, 9), bar 3 sees 1-2 (15, 8), bar 4 sees
    // 2-3 (14, 7). Including: bar 1 sees 0-1 (15, 9) ... bar 4 sees 3-4 (20, 7).
    [TestCase(DonchianWindow.PrecedingBars, 3, 15, 9)]
    [TestCase(DonchianWindow.PrecedingBars, 4, 15, 8)]
    [TestCase(DonchianWindow.PrecedingBars, 5, 14, 7)]
    [TestCase(DonchianWindow.IncludingCurrentBar, 2, 15, 9)]
    [TestCase(DonchianWindow.IncludingCurrentBar, 3, 15, 8)]
    [TestCase(DonchianWindow.IncludingCurrentBar, 5, 20, 7)]
    public void Donchian_channel_spans_the_window_of_its_convention(DonchianWindow window, int bars, double upper, double lower)
    {
        var donchian = new DonchianChannels(2, window);
        foreach (var bar in Bars.Take(bars))
        {
            donchian.Update(bar);
        }

        Assert.Multiple(() =>
        {
            Assert.That(donchian.Upper, Is.EqualTo(upper));
            Assert.That(donchian.Lower, Is.EqualTo(lower));
            Assert.That(donchian.Middle, Is.EqualTo((upper + lower) / 2));
        });
    }

    [Test]
    public void Donchian_channel_agrees_with_a_brute_force_window_on_random_bars()
    {
        var random = new Random(5);
        var bars = new Bar[3000];
        for (var i = 0; i < bars.Length; i++)
        {
            var low = random.Next(50, 100);
            bars[i] = new Bar(i, low, low + random.Next(0, 5), low, low, 1);
        }

        var donchian = new DonchianChannels(17, DonchianWindow.IncludingCurrentBar);
        for (var i = 0; i < bars.Length; i++)
        {
            donchian.Update(bars[i]);
            if (i >= 16)
            {
                var window = bars.AsSpan(i - 16, 17).ToArray();
                Assert.That(donchian.Upper, Is.EqualTo(window.Max(b => b.High)), $"bar {i}");
                Assert.That(donchian.Lower, Is.EqualTo(window.Min(b => b.Low)), $"bar {i}");
            }
        }
    }
}
