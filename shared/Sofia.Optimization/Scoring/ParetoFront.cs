namespace Sofia.Optimization.Scoring;

/// <summary>The non-dominated points of a set, every objective maximized.</summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices (ascending) of the points no other point dominates; a point dominates another when it is at least as good
    /// in every objective and better in one. NaN counts as −∞; equal points are all kept.
    /// </summary>
    public static IReadOnlyList<int> Indices(IReadOnlyList<IReadOnlyList<double>> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var front = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            var dominated = false;
            for (var j = 0; j < points.Count && !dominated; j++)
            {
                dominated = j != i && Dominates(points[j], points[i]);
            }

            if (!dominated)
            {
                front.Add(i);
            }
        }

        return front;
    }

    /// <summary>The objectives of a metrics record on the front: MAR, Sharpe and profit factor.</summary>
    public static double[] Objectives(OutOfSampleMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return [metrics.Mar, metrics.Sharpe, metrics.ProfitFactor];
    }

    private static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var better = false;
        for (var k = 0; k < a.Count; k++)
        {
            double x = Value(a[k]), y = Value(b[k]);
            if (x < y)
            {
                return false;
            }

            better |= x > y;
        }

        return better;
    }

    private static double Value(double x) => double.IsNaN(x) ? double.NegativeInfinity : x;
}
