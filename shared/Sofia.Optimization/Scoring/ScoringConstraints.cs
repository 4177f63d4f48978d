using System.Globalization;

namespace Sofia.Optimization.Scoring;

/// <summary>Hard constraints a parameter set must meet out of sample; a failing set is infeasible.</summary>
public sealed record ScoringConstraints
{
    /// <summary>Largest allowed max drawdown (fraction; the test is strict: drawdown &lt; this).</summary>
    public double MaxDrawdown { get; init; } = 0.10;

    /// <summary>Fewest closed trades over all test windows.</summary>
    public int MinTrades { get; init; } = 10;

    /// <summary>Null when <paramref name="metrics"/> meets every constraint, else a sentence naming the first failure.</summary>
    public string? Check(OutOfSampleMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Trades < MinTrades)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{metrics.Trades} trades, fewer than the minimum {MinTrades}");
        }

        if (!(metrics.MaxDrawdown < MaxDrawdown))
        {
            return string.Create(CultureInfo.InvariantCulture, $"max drawdown {metrics.MaxDrawdown:P2} is not below {MaxDrawdown:P2}");
        }

        return null;
    }
}
