namespace Sofia.Trading.Strategies;

/// <summary>
/// Critical values of the Engle–Granger cointegration test for two variables (N = 2) with a constant in the
/// cointegrating regression, from MacKinnon's response surfaces: cv(T) = β∞ + β₁/T + β₂/T² (MacKinnon, "Critical
/// Values for Cointegration Tests", Queen's Economics Department Working Paper 1227, 2010, Table 2). β₂ at 1 % is the
/// paper's −22.527 (statsmodels' table prints −33.527). T is the number of observations of the ADF regression's
/// level series minus one, as in statsmodels' <c>coint</c>.
/// </summary>
public static class MacKinnonCriticalValues
{
    /// <summary>The critical value at <paramref name="significance"/> (0.01, 0.05 or 0.10) for sample size <paramref name="sampleSize"/>.</summary>
    public static double EngleGrangerTwoVariables(double significance, int sampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        var (infinity, beta1, beta2) = significance switch
        {
            0.01 => (-3.89644, -10.9519, -22.527),
            0.05 => (-3.33613, -6.1101, -6.823),
            0.10 => (-3.04445, -4.2412, -2.720),
            _ => throw new ArgumentOutOfRangeException(nameof(significance), significance, "Use 0.01, 0.05 or 0.10."),
        };
        var inverse = 1.0 / sampleSize;
        return infinity + (beta1 * inverse) + (beta2 * inverse * inverse);
    }
}
