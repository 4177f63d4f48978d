using System.Diagnostics.Metrics;
using Sofia.Hosting.Internal.Metrics;

namespace Sofia.Hosting.Tests.Internal.Metrics;

/// <summary>The exposition text, checked against output worked out by hand from the format's rules.</summary>
[TestFixture]
public sealed class MetricsCollectorTests
{
    private Meter _meter = null!;
    private MetricsCollector _collector = null!;

    [SetUp]
    public void CreateMeter()
    {
        _meter = new Meter("Sofia.Tests." + TestContext.CurrentContext.Test.MethodName);
        var meter = _meter;
        _collector = new MetricsCollector(m => ReferenceEquals(m, meter));
        _collector.Start();
    }

    [TearDown]
    public void DisposeMeter()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    [Test]
    public void Counter_renders_total_per_label_set_with_help_and_type()
    {
        var counter = _meter.CreateCounter<long>("sofia.test.orders", "{order}", "Orders accepted.");
        counter.Add(2, new KeyValuePair<string, object?>("side", "buy"));
        counter.Add(1, new KeyValuePair<string, object?>("side", "sell"));
        counter.Add(3, new KeyValuePair<string, object?>("side", "buy"));

        Assert.That(_collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_orders_total Orders accepted.
            # TYPE sofia_test_orders_total counter
            sofia_test_orders_total{side="buy"} 5
            sofia_test_orders_total{side="sell"} 1

            """));
    }

    [Test]
    public void Counter_finds_one_series_whatever_the_tag_order()
    {
        var counter = _meter.CreateCounter<double>("sofia.test.volume", null, "Traded volume.");
        counter.Add(1.5, new("exchange", "okx"), new("symbol", "BTC-USDT"));
        counter.Add(2.25, new("symbol", "BTC-USDT"), new("exchange", "okx"));

        Assert.That(_collector.Collect(), Does.Contain("sofia_test_volume_total{exchange=\"okx\",symbol=\"BTC-USDT\"} 3.75\n"));
    }

    [Test]
    public void Counter_that_has_not_counted_yet_renders_zero()
    {
        _meter.CreateCounter<long>("sofia.test.idle", "{trade}", "Nothing yet.");

        Assert.That(_collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_idle_total Nothing yet.
            # TYPE sofia_test_idle_total counter
            sofia_test_idle_total 0

            """));
    }

    [Test]
    public void Counter_ignores_negative_increments()
    {
        var counter = _meter.CreateCounter<int>("sofia.test.monotonic", null, "Only up.");
        counter.Add(4);
        counter.Add(-3);

        Assert.That(_collector.Collect(), Does.Contain("sofia_test_monotonic_total 4\n"));
    }

    [Test]
    public void Observable_counter_renders_the_total_it_reports()
    {
        var total = 10L;
        _meter.CreateObservableCounter("sofia.test.reconnects", () => total, "{reconnect}", "Reconnects so far.");
        _collector.Collect();
        total = 12;

        Assert.That(_collector.Collect(), Does.Contain("sofia_test_reconnects_total 12\n"));
    }

    [Test]
    public void Gauges_render_observable_gauge_up_down_counter_and_gauge_values()
    {
        _meter.CreateObservableGauge("sofia.test.queue_depth", () => 7, "{message}", "Messages waiting.");
        var connections = _meter.CreateUpDownCounter<int>("sofia.test.connections", "{connection}", "Open connections.");
        connections.Add(3);
        connections.Add(-1);
        var temperature = _meter.CreateGauge<double>("sofia.test.temperature", "Cel", "Rack temperature.");
        temperature.Record(21.5);
        temperature.Record(19.25);

        Assert.That(_collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_connections Open connections.
            # TYPE sofia_test_connections gauge
            sofia_test_connections 2
            # HELP sofia_test_queue_depth Messages waiting.
            # TYPE sofia_test_queue_depth gauge
            sofia_test_queue_depth 7
            # HELP sofia_test_temperature_celsius Rack temperature.
            # TYPE sofia_test_temperature_celsius gauge
            sofia_test_temperature_celsius 19.25

            """));
    }

    [Test]
    public void Gauge_without_a_value_is_left_out()
    {
        _meter.CreateGauge<double>("sofia.test.unset", null, "Never set.");

        Assert.That(_collector.Collect(), Is.Empty);
    }

    [Test]
    public void Observable_series_that_stops_reporting_disappears()
    {
        var venues = new List<string> { "binance", "okx" };
        _meter.CreateObservableGauge(
            "sofia.test.open_sockets",
            () => venues.Select(v => new Measurement<int>(1, new KeyValuePair<string, object?>("exchange", v))),
            null,
            "Open sockets per exchange.");
        Assert.That(_collector.Collect(), Does.Contain("exchange=\"okx\""));

        venues.Remove("okx");

        Assert.That(_collector.Collect(), Does.Not.Contain("exchange=\"okx\"").And.Contain("exchange=\"binance\""));
    }

    [Test]
    public void Metrics_endpoint_renders_histogram_buckets_cumulatively()
    {
        var latency = _meter.CreateHistogram(
            "sofia.test.latency",
            "s",
            "Request latency.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1] });
        var route = new KeyValuePair<string, object?>("route", "/a");
        foreach (var seconds in new[] { 0.125, 0.25, 0.5, 0.75, 2 })
        {
            latency.Record(seconds, route);
        }

        // le is inclusive: 0.25 lands in le="0.25" and 0.5 in le="0.5"; every bucket counts all below it.
        Assert.That(_collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_latency_seconds Request latency.
            # TYPE sofia_test_latency_seconds histogram
            sofia_test_latency_seconds_bucket{route="/a",le="0.25"} 2
            sofia_test_latency_seconds_bucket{route="/a",le="0.5"} 3
            sofia_test_latency_seconds_bucket{route="/a",le="1"} 4
            sofia_test_latency_seconds_bucket{route="/a",le="+Inf"} 5
            sofia_test_latency_seconds_sum{route="/a"} 3.625
            sofia_test_latency_seconds_count{route="/a"} 5

            """));
    }

    [Test]
    public void Histogram_in_seconds_uses_default_buckets_from_5_ms_to_10_s()
    {
        var duration = _meter.CreateHistogram<double>("sofia.test.duration", "s", "Work duration.");
        duration.Record(0.003);
        duration.Record(0.2);
        duration.Record(30);

        Assert.That(_collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_duration_seconds Work duration.
            # TYPE sofia_test_duration_seconds histogram
            sofia_test_duration_seconds_bucket{le="0.005"} 1
            sofia_test_duration_seconds_bucket{le="0.01"} 1
            sofia_test_duration_seconds_bucket{le="0.025"} 1
            sofia_test_duration_seconds_bucket{le="0.05"} 1
            sofia_test_duration_seconds_bucket{le="0.1"} 1
            sofia_test_duration_seconds_bucket{le="0.25"} 2
            sofia_test_duration_seconds_bucket{le="0.5"} 2
            sofia_test_duration_seconds_bucket{le="1"} 2
            sofia_test_duration_seconds_bucket{le="2.5"} 2
            sofia_test_duration_seconds_bucket{le="5"} 2
            sofia_test_duration_seconds_bucket{le="10"} 2
            sofia_test_duration_seconds_bucket{le="+Inf"} 3
            sofia_test_duration_seconds_sum 30.203
            sofia_test_duration_seconds_count 3

            """));
    }

    [Test]
    public void Histogram_takes_integer_bucket_advice()
    {
        var size = _meter.CreateHistogram(
            "sofia.test.batch_size",
            "{message}",
            "Messages per batch.",
            tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [10, 100, 1000] });
        size.Record(10);
        size.Record(500);

        Assert.That(_collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_batch_size Messages per batch.
            # TYPE sofia_test_batch_size histogram
            sofia_test_batch_size_bucket{le="10"} 1
            sofia_test_batch_size_bucket{le="100"} 1
            sofia_test_batch_size_bucket{le="1000"} 2
            sofia_test_batch_size_bucket{le="+Inf"} 2
            sofia_test_batch_size_sum 510
            sofia_test_batch_size_count 2

            """));
    }

    [Test]
    public void Label_values_escape_backslash_double_quote_and_newline()
    {
        var errors = _meter.CreateCounter<long>("sofia.test.errors", null, "Errors by path.");
        errors.Add(1, new KeyValuePair<string, object?>("path", "C:\\feeds\\\"main\"\nnext"));

        Assert.That(_collector.Collect(), Does.Contain("sofia_test_errors_total{path=\"C:\\\\feeds\\\\\\\"main\\\"\\nnext\"} 1\n"));
    }

    [Test]
    public void Help_escapes_backslash_and_newline_but_keeps_quotes()
    {
        _meter.CreateCounter<long>("sofia.test.help", null, "Line one\nsays \"hi\" with a \\ in it.");

        Assert.That(_collector.Collect(), Does.Contain("# HELP sofia_test_help_total Line one\\nsays \"hi\" with a \\\\ in it.\n"));
    }

    [Test]
    public void Tag_names_and_values_are_sanitized_and_formatted_invariantly()
    {
        var counter = _meter.CreateCounter<long>("sofia.test.tagged", null, "Tagged.");
        counter.Add(1, new("http.request.method", "GET"), new("retry", true), new("ratio", 0.5), new("shard", 3));

        Assert.That(_collector.Collect(), Does.Contain(
            "sofia_test_tagged_total{http_request_method=\"GET\",ratio=\"0.5\",retry=\"true\",shard=\"3\"} 1\n"));
    }

    [Test]
    public void Meter_and_instrument_tags_become_labels_on_every_series()
    {
        using var meter = new Meter(new MeterOptions("Sofia.Tests.Tagged") { Tags = [new("region", "eu")] });
        using var collector = new MetricsCollector(m => ReferenceEquals(m, meter));
        collector.Start();
        var counter = meter.CreateCounter<long>("sofia.test.fills", null, "Fills.", [new("kind", "paper")]);
        counter.Add(1, new KeyValuePair<string, object?>("side", "buy"));

        Assert.That(collector.Collect(), Does.Contain("sofia_test_fills_total{kind=\"paper\",region=\"eu\",side=\"buy\"} 1\n"));
    }

    [Test]
    public void Label_sets_beyond_the_limit_fold_into_one_overflow_series()
    {
        var counter = _meter.CreateCounter<long>("sofia.test.wide", null, "Too many label sets.");
        for (var i = 0; i < InstrumentState.MaxSeries + 5; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        var lines = _collector.Collect().Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => l.StartsWith("sofia_test_wide_total{", StringComparison.Ordinal)), Is.EqualTo(InstrumentState.MaxSeries + 1));
            Assert.That(lines, Does.Contain("sofia_test_wide_total{otel_metric_overflow=\"true\"} 5"));
        });
    }

    [Test]
    public void Instruments_of_a_disposed_meter_disappear()
    {
        _meter.CreateCounter<long>("sofia.test.gone", null, "Gone soon.").Add(1);
        Assert.That(_collector.Collect(), Does.Contain("sofia_test_gone_total 1"));

        _meter.Dispose();

        Assert.That(_collector.Collect(), Is.Empty);
    }

    [Test]
    public void Instruments_with_one_name_share_a_family_and_a_clashing_type_is_left_out()
    {
        using var other = new Meter("Sofia.Tests.Other");
        var meter = _meter;
        using var collector = new MetricsCollector(m => ReferenceEquals(m, meter) || ReferenceEquals(m, other));
        collector.Start();
        _meter.CreateCounter<long>("sofia.test.shared", null, "Shared.").Add(1, new KeyValuePair<string, object?>("from", "a"));
        other.CreateCounter<long>("sofia.test.shared", null, "Shared.").Add(2, new KeyValuePair<string, object?>("from", "b"));
        other.CreateObservableGauge("sofia.test.shared_total", () => 1, null, "Clashes with the counter.");

        Assert.That(collector.Collect(), Is.EqualTo(
            """
            # HELP sofia_test_shared_total Shared.
            # TYPE sofia_test_shared_total counter
            sofia_test_shared_total{from="a"} 1
            sofia_test_shared_total{from="b"} 2

            """));
    }

    [Test]
    public void Instrument_without_description_gets_help_naming_it()
    {
        _meter.CreateCounter<long>("sofia.test.plain").Add(1);

        Assert.That(_collector.Collect(), Does.StartWith($"# HELP sofia_test_plain_total sofia.test.plain (meter {_meter.Name})\n"));
    }

    [Test]
    public void Recording_to_a_known_label_set_does_not_allocate()
    {
        var counter = _meter.CreateCounter<long>("sofia.test.hot", null, "Hot path.");
        var histogram = _meter.CreateHistogram<double>("sofia.test.hot_latency", "s", "Hot path latency.");
        var exchange = new KeyValuePair<string, object?>("exchange", "binance");
        var symbol = new KeyValuePair<string, object?>("symbol", "BTC-USDT");
        counter.Add(1, exchange, symbol);
        histogram.Record(0.01, exchange, symbol);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            counter.Add(1, symbol, exchange);
            histogram.Record(0.01, exchange, symbol);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
