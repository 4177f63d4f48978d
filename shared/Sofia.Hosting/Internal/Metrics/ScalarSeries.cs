namespace Sofia.Hosting.Internal.Metrics;

/// <summary>A running sum (counters, up-down counters) or the last value (gauges, observed totals).</summary>
internal sealed class ScalarSeries(bool accumulate) : Series
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public override void Record(double value)
    {
        if (!accumulate)
        {
            Volatile.Write(ref _value, value);
            return;
        }

        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + value, current);
            // Compare bits, not values: NaN never equals itself and would spin forever.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}
