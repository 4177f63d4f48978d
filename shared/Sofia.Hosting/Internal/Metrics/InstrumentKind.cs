using System.Diagnostics.Metrics;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>How an instrument's measurements aggregate and which Prometheus type shows them.</summary>
internal readonly record struct InstrumentKind(PrometheusType Type, bool Accumulate)
{
    /// <summary>
    /// Counter → counter (sum); UpDownCounter → gauge (sum); Histogram → histogram; Gauge and the
    /// observable instruments report a current value or total → last value.
    /// </summary>
    public static InstrumentKind? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
        {
            return new(PrometheusType.Counter, Accumulate: true);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new(PrometheusType.Gauge, Accumulate: true);
        }

        if (definition == typeof(Histogram<>))
        {
            return new(PrometheusType.Histogram, Accumulate: true);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new(PrometheusType.Counter, Accumulate: false);
        }

        if (definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>))
        {
            return new(PrometheusType.Gauge, Accumulate: false);
        }

        return null;
    }
}
