using System.Globalization;
using Sofia.Testing;
using Sofia.Trading.Metrics;

namespace Sofia.Trading.Tests.Metrics;

/// <summary>
/// LEAN's rolling SortinoRatio(15) and SharpeRatio(10) reference files (QuantConnect/Lean Tests/TestData). What they
/// compute, as these files show: simple close-to-close returns over the window, no annualization;
/// Sortino = (mean(r) − rf) / √(mean(min(r − rf, 0)²)) — Sofia's Sortino with one period per year;
/// Sharpe = mean(r) / population std(r) (ddof = 0, rf = 0) — Sofia's sample-std Sharpe with one period per year
/// times √(n/(n − 1)).
/// </summary>
public sealed class LeanReferenceTests
{
    [TestCase("sortino_rf_0_period_15", 0.0)]
    [TestCase("sortino_rf_0.01_period_15", 0.01)]
    public void Rolling_sortino_matches_lean_reference_file(string column, double riskFree)
    {
        const int period = 15;
        var table = ReadTable("lean-indicator-refs/spy_sortino.csv");
        var closes = table.Column("close");
        var expected = table.Column(column);
        var returns = ReturnStatistics.SimpleReturns(closes);
        var compared = 0;
        for (var row = period; row < closes.Length; row++)
        {
            if (double.IsNaN(expected[row]))
            {
                continue;
            }

            var window = returns.AsSpan(row - period, period);
            Assert.That(ReturnStatistics.Sortino(window, 1, riskFree), Is.EqualTo(expected[row]).Within(1e-8), $"row {row}");
            compared++;
        }

        Assert.That(compared, Is.EqualTo(closes.Length - period));
    }

    [Test]
    public void Rolling_sharpe_matches_lean_reference_file_with_population_std()
    {
        const int period = 10;
        var table = ReadTable("lean-indicator-refs/spy_sr.txt");
        var closes = table.Column("close");
        var expected = table.Column("SR_10");
        var returns = ReturnStatistics.SimpleReturns(closes);
        var toPopulation = Math.Sqrt(period / (period - 1.0));
        var last = closes.Length - 1;
        for (var row = period; row <= last; row++)
        {
            // The file's last row (2021-03-10) is off by 6e-5 from every close-based reading (LEAN's own test
            // tolerates it with a looser delta); every other row agrees to 1e-9.
            var tolerance = row == last ? 1e-4 : 1e-9;
            var window = returns.AsSpan(row - period, period);
            Assert.That(ReturnStatistics.Sharpe(window, 1) * toPopulation, Is.EqualTo(expected[row]).Within(tolerance), $"row {row}");
        }
    }

    private static Table ReadTable(string relativePath)
    {
        var lines = File.ReadAllLines(ReferenceData.File(relativePath));
        var header = lines[0].Split(',');
        var rows = new List<string[]>();
        foreach (var line in lines.AsSpan(1))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                rows.Add(line.Split(','));
            }
        }

        return new Table(header, rows);
    }

    private sealed record Table(string[] Header, List<string[]> Rows)
    {
        public double[] Column(string name)
        {
            var index = Array.IndexOf(Header, name);
            Assert.That(index, Is.GreaterThanOrEqualTo(0), $"column {name}");
            var values = new double[Rows.Count];
            for (var i = 0; i < Rows.Count; i++)
            {
                var cell = Rows[i][index];
                values[i] = cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);
            }

            return values;
        }
    }
}
