using System.Diagnostics.Metrics;
using System.Globalization;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>
/// Bucket bounds of a histogram: the instrument's own advice when it gives one
/// (<see cref="InstrumentAdvice{T}.HistogramBucketBoundaries"/>), otherwise defaults chosen by unit.
/// </summary>
internal static class HistogramBuckets
{
    /// <summary>5 ms to 10 s, the Prometheus client default, for unit <c>s</c>.</summary>
    public static IReadOnlyList<double> Seconds { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The same range for unit <c>ms</c>.</summary>
    public static IReadOnlyList<double> Milliseconds { get; } = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    /// <summary>The OpenTelemetry SDK default, for any other unit.</summary>
    public static IReadOnlyList<double> Default { get; } = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    public static double[] For(Instrument instrument)
    {
        var advised = instrument switch
        {
            Instrument<double> i => FromAdvice(i.Advice),
            Instrument<float> i => FromAdvice(i.Advice),
            Instrument<long> i => FromAdvice(i.Advice),
            Instrument<int> i => FromAdvice(i.Advice),
            Instrument<short> i => FromAdvice(i.Advice),
            Instrument<byte> i => FromAdvice(i.Advice),
            Instrument<decimal> i => FromAdvice(i.Advice),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            return advised;
        }

        var defaults = instrument.Unit switch
        {
            "s" => Seconds,
            "ms" => Milliseconds,
            _ => Default,
        };
        return [.. defaults];
    }

    private static double[]? FromAdvice<T>(InstrumentAdvice<T>? advice)
        where T : struct
    {
        if (advice?.HistogramBucketBoundaries is not { } bounds)
        {
            return null;
        }

        // Bounds must be finite, distinct and ascending; +Inf is always added at render time.
        return bounds
            .Select(b => Convert.ToDouble(b, CultureInfo.InvariantCulture))
            .Where(double.IsFinite)
            .Distinct()
            .Order()
            .ToArray();
    }
}
