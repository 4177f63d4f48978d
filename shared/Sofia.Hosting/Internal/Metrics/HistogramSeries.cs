namespace Sofia.Hosting.Internal.Metrics;

/// <summary>Per-bucket counts (non-cumulative inside, cumulative when read), sum and count.</summary>
internal sealed class HistogramSeries(double[] bounds) : Series
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private readonly Lock _lock = new();
    private double _sum;

    public double[] Bounds => bounds;

    public override void Record(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var index = Array.BinarySearch(bounds, value);
        // Upper bounds are inclusive (le): an exact match belongs to that bucket, anything else to the next one up.
        if (index < 0)
        {
            index = ~index;
        }

        lock (_lock)
        {
            _counts[index]++;
            _sum += value;
        }
    }

    /// <summary>Cumulative counts per bound plus the +Inf bucket last, read consistently with the sum.</summary>
    public (long[] Cumulative, double Sum) Snapshot()
    {
        var cumulative = new long[_counts.Length];
        double sum;
        lock (_lock)
        {
            long running = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                running += _counts[i];
                cumulative[i] = running;
            }

            sum = _sum;
        }

        return (cumulative, sum);
    }
}
