using Sofia.Optimization.Search;
using Sofia.Optimization.Studies;
using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Tests.Search;

/// <summary>Known test functions (minimized) and a helper that runs a searcher on one and returns the best value found.</summary>
internal static class TestFunctions
{
    public static ParameterSpace BraninSpace { get; } = new(
        ParameterDefinition.Real("x1", -5, 10, 0, "first coordinate"),
        ParameterDefinition.Real("x2", 0, 15, 0, "second coordinate"));

    public static ParameterSpace QuadraticSpace { get; } = new(
        ParameterDefinition.Real("a", -10, 10, 0, "continuous"),
        ParameterDefinition.Whole("b", -20, 20, 0, "whole"),
        ParameterDefinition.LogReal("c", 0.001, 1000, 1, "log-scaled"),
        ParameterDefinition.Categorical("d", ["red", "green", "blue", "black"], "red", "categorical"));

    /// <summary>Branin-Hoo: global minimum 0.397887 at (−π, 12.275), (π, 2.275) and (9.42478, 2.475).</summary>
    public static double Branin(IReadOnlyList<double> x)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        var u = x[1] - (b * x[0] * x[0]) + (c * x[0]) - 6;
        return (u * u) + (10 * (1 - t) * Math.Cos(x[0])) + 10;
    }

    /// <summary>
    /// A quadratic bowl over mixed parameter kinds (minimum 0 at a = 3, b = −7, c = 10, d = blue) plus N(0, 0.5²) noise
    /// drawn from the seed and the trial number, so a trial's value does not depend on where it ran.
    /// </summary>
    public static double NoisyQuadratic(IReadOnlyList<double> x, ulong seed, int trial)
    {
        var a = x[0] - 3;
        var b = (x[1] + 7) / 4;
        var c = Math.Log10(x[2]) - 1;
        var d = x[3] == 2 ? 0 : 4;
        var noise = new Random(unchecked((int)seed * 7919) + trial).NextDouble() - 0.5;
        return (a * a) + (b * b) + (4 * c * c) + d + noise;
    }

    /// <summary>Best (lowest) value of <paramref name="f"/> after <paramref name="trials"/> trials, asked one at a time.</summary>
    public static async Task<double> BestAfterAsync(IParameterSearch search, Func<Trial, double> f, int trials, CancellationToken cancellationToken)
    {
        var records = await StudyRunner.RunAsync(search, trials, 1, StudyRunner.Parallel(t => new TrialEvaluation(-f(t)), 1), null, null, cancellationToken);
        return -records.Max(r => r.Score);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
