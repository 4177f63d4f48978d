namespace Sofia.Trading.Metrics;

/// <summary>
/// Return-series statistics with empyrical's conventions: simple per-period returns, arithmetic means, sample
/// standard deviation (ddof = 1), annualization by an explicit number of periods per year (see
/// <see cref="PeriodsPerYear"/>). Inputs must be finite; series too short for a statistic give NaN.
/// </summary>
public static class ReturnStatistics
{
    /// <summary>Writes E[i+1] / E[i] − 1 into <paramref name="destination"/> (length equity.Length − 1).</summary>
    public static void SimpleReturns(ReadOnlySpan<double> equity, Span<double> destination)
    {
        if (destination.Length < equity.Length - 1)
        {
            throw new ArgumentException("Destination is shorter than equity.Length - 1.", nameof(destination));
        }

        for (var i = 1; i < equity.Length; i++)
        {
            destination[i - 1] = (equity[i] / equity[i - 1]) - 1;
        }
    }

    /// <summary>Simple returns of an equity curve, one fewer than its points.</summary>
    public static double[] SimpleReturns(ReadOnlySpan<double> equity)
    {
        var returns = new double[Math.Max(0, equity.Length - 1)];
        SimpleReturns(equity, returns);
        return returns;
    }

    /// <summary>Compounded return Π(1 + r) − 1; NaN when empty.</summary>
    public static double TotalReturn(ReadOnlySpan<double> returns)
    {
        if (returns.IsEmpty)
        {
            return double.NaN;
        }

        var growth = 1.0;
        foreach (var r in returns)
        {
            growth *= 1 + r;
        }

        return growth - 1;
    }

    /// <summary>Compound annual growth rate: (1 + total)^(periodsPerYear / n) − 1 with n the number of returns.</summary>
    public static double Cagr(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        var total = TotalReturn(returns);
        return double.IsNaN(total) ? double.NaN : Math.Pow(1 + total, periodsPerYear / returns.Length) - 1;
    }

    /// <summary>Arithmetic mean; NaN when empty.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    /// <summary>Sample standard deviation of <c>values − shift</c> (ddof = 1, two-pass); NaN below two values.</summary>
    public static double SampleStandardDeviation(ReadOnlySpan<double> values, double shift = 0)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        var mean = Mean(values) - shift;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - shift - mean;
            squares += d * d;
        }

        return Math.Sqrt(squares / (values.Length - 1));
    }

    /// <summary>Annualized volatility: sample standard deviation · √periodsPerYear.</summary>
    public static double AnnualVolatility(ReadOnlySpan<double> returns, double periodsPerYear) =>
        SampleStandardDeviation(returns) * Math.Sqrt(periodsPerYear);

    /// <summary>
    /// Sharpe ratio: mean(r − rf) / std(r − rf, ddof = 1) · √periodsPerYear, with <paramref name="riskFree"/> a
    /// per-period rate. NaN below two returns.
    /// </summary>
    public static double Sharpe(ReadOnlySpan<double> returns, double periodsPerYear, double riskFree = 0)
    {
        if (returns.Length < 2)
        {
            return double.NaN;
        }

        return (Mean(returns) - riskFree) / SampleStandardDeviation(returns, riskFree) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>
    /// Annualized downside deviation below <paramref name="requiredReturn"/> (per period):
    /// √(mean(min(r − target, 0)²)) · √periodsPerYear, averaging over all n returns. NaN when empty.
    /// </summary>
    public static double DownsideDeviation(ReadOnlySpan<double> returns, double periodsPerYear, double requiredReturn = 0)
    {
        if (returns.IsEmpty)
        {
            return double.NaN;
        }

        var squares = 0.0;
        foreach (var r in returns)
        {
            var d = Math.Min(r - requiredReturn, 0);
            squares += d * d;
        }

        return Math.Sqrt(squares / returns.Length) * Math.Sqrt(periodsPerYear);
    }

    /// <summary>
    /// Sortino ratio: mean(r − target) · periodsPerYear / <see cref="DownsideDeviation"/>. +∞ when the mean is positive
    /// and no return falls below the target; NaN below two returns.
    /// </summary>
    public static double Sortino(ReadOnlySpan<double> returns, double periodsPerYear, double requiredReturn = 0)
    {
        if (returns.Length < 2)
        {
            return double.NaN;
        }

        return (Mean(returns) - requiredReturn) * periodsPerYear / DownsideDeviation(returns, periodsPerYear, requiredReturn);
    }

    /// <summary>Maximum drawdown of the compounded returns, from a starting value of 1 that counts as a peak; positive fraction.</summary>
    public static double MaxDrawdown(ReadOnlySpan<double> returns)
    {
        if (returns.IsEmpty)
        {
            return double.NaN;
        }

        double value = 1, peak = 1, worst = 0;
        foreach (var r in returns)
        {
            value *= 1 + r;
            peak = Math.Max(peak, value);
            worst = Math.Max(worst, (peak - value) / peak);
        }

        return worst;
    }

    /// <summary>Calmar (MAR) ratio: CAGR / max drawdown; NaN when there is no drawdown.</summary>
    public static double Calmar(ReadOnlySpan<double> returns, double periodsPerYear)
    {
        var drawdown = MaxDrawdown(returns);
        return drawdown > 0 ? Cagr(returns, periodsPerYear) / drawdown : double.NaN;
    }
}
