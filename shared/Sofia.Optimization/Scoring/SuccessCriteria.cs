using System.Globalization;

namespace Sofia.Optimization.Scoring;

/// <summary>What "profitable and believable" means for a winner out of sample: MAR &gt; 0.5, Sharpe &gt; 1.2, max drawdown &lt; 10 %.</summary>
public sealed record SuccessCriteria
{
    /// <summary>Smallest MAR (strictly above).</summary>
    public double MinMar { get; init; } = 0.5;

    /// <summary>Smallest Sharpe (strictly above).</summary>
    public double MinSharpe { get; init; } = 1.2;

    /// <summary>Largest max drawdown (strictly below), a fraction.</summary>
    public double MaxDrawdown { get; init; } = 0.10;

    /// <summary>Every criterion <paramref name="metrics"/> misses, as short sentences; empty when it meets them all.</summary>
    public IReadOnlyList<string> Failures(OutOfSampleMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var failures = new List<string>();
        if (!(metrics.Mar > MinMar))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"MAR {metrics.Mar:0.##} is not above {MinMar:0.##}"));
        }

        if (!(metrics.Sharpe > MinSharpe))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Sharpe {metrics.Sharpe:0.##} is not above {MinSharpe:0.##}"));
        }

        if (!(metrics.MaxDrawdown < MaxDrawdown))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"max drawdown {metrics.MaxDrawdown:P1} is not below {MaxDrawdown:P0}"));
        }

        return failures;
    }

    /// <summary>True when <paramref name="metrics"/> meets every criterion.</summary>
    public bool IsMet(OutOfSampleMetrics metrics) => Failures(metrics).Count == 0;
}
