using MathNet.Numerics.LinearAlgebra;

namespace Sofia.Trading.Strategies;

/// <summary>
/// The augmented Dickey–Fuller t-statistic without deterministic terms, as used on Engle–Granger residuals (whose
/// constant belongs to the first-step regression): Δe_t = γ e_{t−1} + Σ_{i=1..p} φ_i Δe_{t−i} + ε_t, fitted by least
/// squares (MathNet QR) over t = p+1..n−1; the statistic is γ̂ / se(γ̂) with se from s² (X'X)⁻¹ and s² = RSS / (m − k).
/// </summary>
public static class AugmentedDickeyFuller
{
    /// <summary>The ADF t-statistic of <paramref name="series"/> with <paramref name="lags"/> lagged differences; NaN when degenerate.</summary>
    public static double Statistic(ReadOnlySpan<double> series, int lags)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lags);
        var rows = series.Length - 1 - lags;
        var columns = 1 + lags;
        if (rows <= columns + 1)
        {
            return double.NaN;
        }

        var design = Matrix<double>.Build.Dense(rows, columns);
        var response = Vector<double>.Build.Dense(rows);
        for (var r = 0; r < rows; r++)
        {
            var t = r + 1 + lags;
            response[r] = series[t] - series[t - 1];
            design[r, 0] = series[t - 1];
            for (var i = 1; i <= lags; i++)
            {
                design[r, i] = series[t - i] - series[t - i - 1];
            }
        }

        var coefficients = design.QR().Solve(response);
        var residuals = response - (design * coefficients);
        var variance = residuals.DotProduct(residuals) / (rows - columns);
        var inverse = design.TransposeThisAndMultiply(design).Inverse();
        var standardError = Math.Sqrt(variance * inverse[0, 0]);
        return standardError > 0 && double.IsFinite(standardError) ? coefficients[0] / standardError : double.NaN;
    }
}
