namespace Sofia.Hosting.Internal.Metrics;

/// <summary>The metric types of the Prometheus text format that instruments map to.</summary>
internal enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}
