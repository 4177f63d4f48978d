namespace Sofia.Trading.Tests.Metrics;

/// <summary>
/// The return series of empyrical's tests/test_stats.py (quantopian/empyrical), whose published expected values the
/// metric tests assert. empyrical's mixed_returns starts with NaN: its mean/std based statistics skip it
/// (nanmean/nanstd), while compounding statistics treat it as a zero return that still counts as a period.
/// </summary>
internal static class EmpyricalSeries
{
    /// <summary>mixed_returns without its leading NaN (for Sharpe, Sortino, volatility, downside risk).</summary>
    public static readonly double[] MixedWithoutNaN = Percent(1, 10, -4, 2, 3, 2, 1, -10);

    /// <summary>mixed_returns with its leading NaN as a zero return (for CAGR, drawdown, Calmar).</summary>
    public static readonly double[] MixedNaNAsZero = Percent(0, 1, 10, -4, 2, 3, 2, 1, -10);

    /// <summary>weekly_returns and monthly_returns (same values, different frequency).</summary>
    public static readonly double[] WeeklyOrMonthly = Percent(0, 1, 10, -4, 2, 3, 2, 1, -10);

    public static readonly double[] Positive = Percent(1, 2, 1, 1, 1, 1, 1, 1, 1);

    public static readonly double[] Negative = Percent(0, -6, -7, -1, -9, -2, -6, -8, -5);

    public static readonly double[] SimpleBenchmark = Percent(0, 1, 0, 1, 0, 1, 0, 1, 0);

    public static readonly double[] One = [-0.00171614, 0.01322056, 0.03063862, -0.01422057, -0.00489779, 0.01268925, -0.03357711, 0.01797036];

    public static readonly double[] Two = [0.01846232, 0.00793951, -0.01448395, 0.00422537, -0.00339611, 0.03756813, 0.0151531, 0.03549769];

    public static double[] Get(string name) => name switch
    {
        "mixed" => MixedWithoutNaN,
        "mixed_nan_as_zero" => MixedNaNAsZero,
        "weekly" or "monthly" => WeeklyOrMonthly,
        "positive" => Positive,
        "negative" => Negative,
        "simple_benchmark" => SimpleBenchmark,
        "one" => One,
        "two" => Two,
        "one_return" => [0.01],
        "ten_minus_ten_ten" => Percent(10, -10, 10),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown series."),
    };

    private static double[] Percent(params double[] values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] / 100;
        }

        return result;
    }
}
