using Sofia.Trading.Indicators;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>
/// The battery every indicator output with a published reference goes through: fed the reference's bars one
/// at a time, it must have a value exactly where the reference has one (warm-up included) and agree within the
/// case's tolerance.
/// </summary>
public sealed class IndicatorReferenceTests
{
    [TestCaseSource(typeof(IndicatorReferenceCases), nameof(IndicatorReferenceCases.All))]
    public void Indicator_matches_its_published_reference_at_every_bar(IndicatorReferenceCase reference)
    {
        var result = ReferenceComparison.Run(reference);

        Assert.Multiple(() =>
        {
            Assert.That(result.Theirs, Is.GreaterThan(0), "the reference has values");
            Assert.That(result.Ours, Is.EqualTo(result.Theirs), "number of bars with a value");
            Assert.That(result.Presence, Is.Empty, "bars where only one side has a value");
            Assert.That(result.Values, Is.Empty, "bars outside tolerance");
        });
    }

    /// <summary>Proves the convention options are needed: the other library's convention fails each reference.</summary>
    [TestCase("ATR")]
    [TestCase("Donchian")]
    [TestCase("OBV")]
    [TestCase("SuperTrend")]
    public void Stock_indicators_convention_does_not_reproduce_lean_reference(string indicator)
    {
        var wrong = indicator switch
        {
            "ATR" => Lean("spy_atr_wilder.txt", "Average True Range 14", () => new AverageTrueRange(14), 1e-5),
            "Donchian" => Lean("spy_with_don50.txt", "Donchian Channels 50 Top", () => new DonchianChannels(50), 1e-9, i => ((DonchianChannels)i).Upper, 49, 499),
            "OBV" => Lean("spy_with_obv.txt", "OBV", () => new OnBalanceVolume(), 1e3),
            _ => Lean("dwac_supertrend.txt", "Super", () => new SuperTrend(10, 3), 1e-6, zeroIsBlank: true),
        };

        Assert.That(ReferenceComparison.Run(wrong).Agrees, Is.False);
    }

    [TestCase("ATR")]
    [TestCase("Donchian")]
    [TestCase("OBV")]
    public void Lean_convention_does_not_reproduce_stock_indicators_reference(string indicator)
    {
        var (file, field, create) = indicator switch
        {
            "ATR" => ("atr", "atr", (Func<IIndicator>)(() => new AverageTrueRange(14, TrueRangeStart.FirstBarHighLow))),
            "Donchian" => ("donchian", "centerline", () => new DonchianChannels(20, DonchianWindow.IncludingCurrentBar)),
            _ => ("obv", "obv", () => new OnBalanceVolume(ObvStart.FirstBarVolume)),
        };
        var wrong = new IndicatorReferenceCase(
            indicator,
            create,
            i => i.Value,
            () => new ReferenceSeries(StockIndicatorsReference.DefaultBars(), StockIndicatorsReference.Series(file, field), (_, e) => 1e-9 * (1 + Math.Abs(e))));

        Assert.That(ReferenceComparison.Run(wrong).Agrees, Is.False);
    }

    private static IndicatorReferenceCase Lean(
        string file,
        string column,
        Func<IIndicator> create,
        double bound,
        Func<IIndicator, double>? read = null,
        int firstRow = 0,
        int lastRow = int.MaxValue,
        bool zeroIsBlank = false) =>
        new(
            file,
            create,
            read ?? (i => i.Value),
            () =>
            {
                var reference = LeanReferenceFile.Load(file);
                return new ReferenceSeries(reference.Bars, reference.Values(column, zeroIsBlank), (_, _) => bound) { FirstRow = firstRow, LastRow = lastRow };
            });
}
