using Sofia.Hosting.Internal.Metrics;

namespace Sofia.Hosting.Tests.Internal.Metrics;

[TestFixture]
public sealed class PrometheusNamesTests
{
    [TestCase("sofia.ingestor.trades", "{trade}", "counter", "sofia_ingestor_trades_total")]
    [TestCase("sofia.http.duration", "s", "histogram", "sofia_http_duration_seconds")]
    [TestCase("sofia.tick.lag", "ms", "histogram", "sofia_tick_lag_milliseconds")]
    [TestCase("sofia.payload", "By", "gauge", "sofia_payload_bytes")]
    [TestCase("sofia.sent", "By", "counter", "sofia_sent_bytes_total")]
    [TestCase("sofia.sent_bytes", "By", "counter", "sofia_sent_bytes_total")]
    [TestCase("sofia.requests_total", null, "counter", "sofia_requests_total")]
    [TestCase("sofia.throughput", "By/s", "gauge", "sofia_throughput_bytes_per_second")]
    [TestCase("sofia.rate", "{message}/s", "gauge", "sofia_rate_per_second")]
    [TestCase("sofia.fill_ratio", "1", "gauge", "sofia_fill_ratio")]
    [TestCase("sofia.cpu", "%", "gauge", "sofia_cpu_percent")]
    [TestCase("sofia.queue", "", "gauge", "sofia_queue")]
    [TestCase("sofia-ws.frames  in", null, "gauge", "sofia_ws_frames_in")]
    [TestCase("9lives", null, "gauge", "_9lives")]
    [TestCase("sofia:rule", null, "gauge", "sofia_rule")]
    public void Metric_name_is_sanitized_with_unit_and_type_suffixes(string instrument, string? unit, string type, string expected) =>
        Assert.That(PrometheusNames.MetricName(instrument, unit, Enum.Parse<PrometheusType>(type, ignoreCase: true)), Is.EqualTo(expected));

    [TestCase("exchange", "exchange")]
    [TestCase("http.request.method", "http_request_method")]
    [TestCase("gc-gen", "gc_gen")]
    [TestCase("1st", "_1st")]
    public void Label_name_is_sanitized(string tag, string expected) =>
        Assert.That(PrometheusNames.LabelName(tag), Is.EqualTo(expected));

    [TestCase(0.0, "0")]
    [TestCase(42.0, "42")]
    [TestCase(0.005, "0.005")]
    [TestCase(-1.5, "-1.5")]
    [TestCase(1e21, "1E+21")]
    [TestCase(double.PositiveInfinity, "+Inf")]
    [TestCase(double.NegativeInfinity, "-Inf")]
    [TestCase(double.NaN, "NaN")]
    public void Values_are_formatted_as_prometheus_reads_them(double value, string expected) =>
        Assert.That(PrometheusText.FormatValue(value), Is.EqualTo(expected));
}
