using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>The contract every indicator keeps, checked on Stock.Indicators' 502 daily bars.</summary>
public sealed class IndicatorContractTests
{
    public static IEnumerable<TestCaseData> Indicators()
    {
        var factories = new (string Name, Func<IIndicator> Create)[]
        {
            ("SMA(20)", () => new SimpleMovingAverage(20)),
            ("EMA(20)", () => new ExponentialMovingAverage(20)),
            ("WMA(20)", () => new WeightedMovingAverage(20)),
            ("RSI(14)", () => new RelativeStrengthIndex(14)),
            ("TR", () => new TrueRange()),
            ("TR first bar high-low", () => new TrueRange(TrueRangeStart.FirstBarHighLow)),
            ("ATR(14)", () => new AverageTrueRange(14)),
            ("ATR(14) first bar high-low", () => new AverageTrueRange(14, TrueRangeStart.FirstBarHighLow)),
            ("Bollinger(20,2)", () => new BollingerBands(20, 2)),
            ("Donchian(20)", () => new DonchianChannels(20)),
            ("Donchian(20) including current", () => new DonchianChannels(20, DonchianWindow.IncludingCurrentBar)),
            ("SuperTrend(10,3)", () => new SuperTrend(10, 3)),
            ("SuperTrend(10,3) first bar high-low", () => new SuperTrend(10, 3, TrueRangeStart.FirstBarHighLow)),
            ("MACD(12,26,9)", () => new MovingAverageConvergenceDivergence(12, 26, 9)),
            ("Stochastic(14,3,3)", () => new Stochastic(14, 3, 3)),
            ("OBV", () => new OnBalanceVolume()),
            ("OBV first bar volume", () => new OnBalanceVolume(ObvStart.FirstBarVolume)),
            ("ZScore(20)", () => new RollingZScore(20)),
            ("StdDev(20) sample", () => new RollingStandardDeviation(20, DeviationKind.Sample)),
            ("Hurst(100,10)", () => new HurstExponent(100, 10)),
        };
        return factories.Select(f => new TestCaseData(f.Create).SetArgDisplayNames(f.Name));
    }

    [TestCaseSource(nameof(Indicators))]
    public void Indicator_becomes_ready_exactly_on_its_warm_up_period(Func<IIndicator> create)
    {
        var indicator = create();
        var bars = StockIndicatorsReference.DefaultBars();
        Assert.That(indicator.IsReady, Is.False);
        Assert.That(indicator.Value, Is.NaN);
        for (var i = 0; i < bars.Length; i++)
        {
            var ready = indicator.Update(bars[i]);
            Assert.That(ready, Is.EqualTo(i + 1 >= indicator.WarmUpPeriod), $"update {i + 1} of warm-up {indicator.WarmUpPeriod}");
            Assert.That(indicator.IsReady, Is.EqualTo(ready));
            Assert.That(indicator.Samples, Is.EqualTo(i + 1));
            if (ready)
            {
                Assert.That(indicator.Value, Is.Not.NaN, $"value after update {i + 1}");
            }
        }
    }

    [TestCaseSource(nameof(Indicators))]
    public void Reset_indicator_replays_exactly_like_a_new_one(Func<IIndicator> create)
    {
        var bars = StockIndicatorsReference.DefaultBars();
        var fresh = create();
        var reused = create();
        foreach (var bar in bars.Reverse())
        {
            reused.Update(bar);
        }

        reused.Reset();
        Assert.That(reused.IsReady, Is.False);
        Assert.That(reused.Samples, Is.Zero);
        foreach (var bar in bars)
        {
            fresh.Update(bar);
            reused.Update(bar);
            Assert.That(BitConverter.DoubleToInt64Bits(reused.Value), Is.EqualTo(BitConverter.DoubleToInt64Bits(fresh.Value)));
        }
    }

    [TestCaseSource(nameof(Indicators))]
    public void Indicator_update_allocates_nothing(Func<IIndicator> create)
    {
        var bars = StockIndicatorsReference.DefaultBars();
        var indicator = create();
        indicator.Update(bars[0]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < bars.Length; i++)
        {
            indicator.Update(bars[i]);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
