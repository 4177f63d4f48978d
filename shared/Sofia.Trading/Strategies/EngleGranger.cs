using MathNet.Numerics.LinearRegression;

namespace Sofia.Trading.Strategies;

/// <summary>
/// The Engle–Granger two-step test: OLS of y on x with a constant (MathNet's simple regression) gives the hedge ratio,
/// then the ADF statistic of the residuals (<see cref="AugmentedDickeyFuller"/>) is compared with MacKinnon's
/// critical value for two variables (<see cref="MacKinnonCriticalValues"/>) at T = n − 1.
/// </summary>
public static class EngleGranger
{
    /// <summary>Tests y against x (same length ≥ 10) with <paramref name="lags"/> ADF lags at <paramref name="significance"/>.</summary>
    public static EngleGrangerResult Test(double[] y, double[] x, int lags, double significance)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(x);
        if (y.Length != x.Length || y.Length < 10)
        {
            throw new ArgumentException("Series must have the same length, at least 10.", nameof(x));
        }

        var (intercept, slope) = SimpleRegression.Fit(x, y);
        var residuals = new double[y.Length];
        var squares = 0.0;
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            residuals[i] = y[i] - intercept - (slope * x[i]);
            sum += residuals[i];
        }

        var mean = sum / y.Length;
        foreach (var e in residuals)
        {
            squares += (e - mean) * (e - mean);
        }

        var statistic = AugmentedDickeyFuller.Statistic(residuals, lags);
        var critical = MacKinnonCriticalValues.EngleGrangerTwoVariables(significance, y.Length - 1);
        return new EngleGrangerResult(intercept, slope, Math.Sqrt(squares / y.Length), statistic, critical);
    }
}
