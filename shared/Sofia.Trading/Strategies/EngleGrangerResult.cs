namespace Sofia.Trading.Strategies;

/// <summary>The outcome of <see cref="EngleGranger.Test"/>.</summary>
/// <param name="Intercept">α of y = α + β x.</param>
/// <param name="HedgeRatio">β of y = α + β x.</param>
/// <param name="ResidualStdDev">Population standard deviation of the residuals.</param>
/// <param name="AdfStatistic">ADF t-statistic of the residuals.</param>
/// <param name="CriticalValue">MacKinnon critical value at the chosen significance.</param>
public readonly record struct EngleGrangerResult(double Intercept, double HedgeRatio, double ResidualStdDev, double AdfStatistic, double CriticalValue)
{
    /// <summary>True when the ADF statistic is below the critical value (no unit root: cointegrated).</summary>
    public bool IsCointegrated => AdfStatistic < CriticalValue;
}
