using System.Globalization;

namespace Sofia.Trading.Tests.Indicators;

/// <summary>The outcome of feeding a reference's bars to an indicator and comparing bar by bar.</summary>
internal sealed record ReferenceComparison(int Ours, int Theirs, IReadOnlyList<string> Presence, IReadOnlyList<string> Values)
{
    public bool Agrees => Ours == Theirs && Presence.Count == 0 && Values.Count == 0;

    public static ReferenceComparison Run(IndicatorReferenceCase reference)
    {
        var series = reference.Load();
        Assert.That(series.Expected, Has.Length.EqualTo(series.Bars.Length), "reference rows");
        var indicator = reference.Create();
        var presence = new List<string>();
        var values = new List<string>();
        int ours = 0, theirs = 0;
        for (var row = 0; row < series.Bars.Length; row++)
        {
            indicator.Update(series.Bars[row]);
            if (row < series.FirstRow || row > series.LastRow)
            {
                continue;
            }

            var actual = reference.Read(indicator);
            var expected = series.Expected[row];
            ours += double.IsNaN(actual) ? 0 : 1;
            theirs += expected is null ? 0 : 1;
            if (expected is null != double.IsNaN(actual))
            {
                presence.Add(string.Create(CultureInfo.InvariantCulture, $"row {row}: reference {expected?.ToString("R", CultureInfo.InvariantCulture) ?? "none"}, ours {actual:R}"));
            }
            else if (expected is double e && !(Math.Abs(actual - e) <= series.Allowed(row, e)))
            {
                values.Add(string.Create(CultureInfo.InvariantCulture, $"row {row}: reference {e:R}, ours {actual:R}, off by {Math.Abs(actual - e):G3} > {series.Allowed(row, e):G3}"));
            }
        }

        return new ReferenceComparison(ours, theirs, presence, values);
    }
}
