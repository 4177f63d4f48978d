using System.Diagnostics.Metrics;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor;

/// <summary>The ingestor's instruments, under the meter named after its assembly.</summary>
internal sealed class IngestorMetrics
{
    public const string MeterName = "Sofia.Ingestor";

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly Counter<long> _trades;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _gaps;
    private readonly Counter<long> _missing;
    private readonly Counter<long> _backfilled;
    private readonly Counter<long> _stale;
    private readonly Counter<long> _frameProblems;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _publishLatency;
    private readonly Counter<long> _publishRetries;
    private readonly Counter<long> _whales;

    public IngestorMetrics(IMeterFactory meterFactory, FeedRegistry feeds, PublishBuffer buffer)
    {
        var meter = meterFactory.Create(MeterName);
        _trades = meter.CreateCounter<long>("sofia.ingestor.trades", "{trade}", "Trades received from exchanges (rate() gives trades/s).");
        _lag = meter.CreateHistogram("sofia.ingestor.lag", "s", "Receive time minus the exchange's trade time.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _reconnects = meter.CreateCounter<long>("sofia.ingestor.reconnects", "{reconnect}", "Exchange connections re-established.");
        _gaps = meter.CreateCounter<long>("sofia.ingestor.gaps", "{gap}", "Trade-id gaps detected.");
        _missing = meter.CreateCounter<long>("sofia.ingestor.gap.trades", "{trade}", "Trades missing in detected gaps.");
        _backfilled = meter.CreateCounter<long>("sofia.ingestor.backfilled", "{trade}", "Trades recovered through REST backfill.");
        _stale = meter.CreateCounter<long>("sofia.ingestor.stale", "{event}", "Connections found silent and reconnected.");
        _frameProblems = meter.CreateCounter<long>("sofia.ingestor.parse.errors", "{frame}", "Malformed or unexpected frames.");
        _published = meter.CreateCounter<long>("sofia.ingestor.published", "{message}", "Messages acknowledged by JetStream.");
        _publishLatency = meter.CreateHistogram("sofia.ingestor.publish.latency", "s", "Receive time to JetStream ack of a tick.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _publishRetries = meter.CreateCounter<long>("sofia.ingestor.publish.retries", "{message}", "Messages sent again after a failed or missing ack.");
        _whales = meter.CreateCounter<long>("sofia.ingestor.whale.alerts", "{alert}", "Whale alerts raised.");
        meter.CreateObservableGauge("sofia.ingestor.buffer.depth", () => (long)buffer.Depth, "{message}", "Ticks waiting for the bus.");
        meter.CreateObservableGauge("sofia.ingestor.buffer.capacity", () => (long)buffer.Capacity, "{message}", "The tick buffer's bound.");
        meter.CreateObservableCounter("sofia.ingestor.events.dropped", () => buffer.DroppedEvents, "{message}", "Feed or alert events that found the event buffer full.");
        meter.CreateObservableGauge("sofia.ingestor.feed.unhealthy.ratio", () => UnhealthyRatios(feeds), "1",
            "Share of an exchange's connections that are down, reconnecting or stale.");
        meter.CreateObservableGauge("sofia.ingestor.feed.state", () => States(feeds), "1",
            "Feed state per connection (1 connected, 2 reconnecting, 3 stale, 4 gap, 5 backfilled, 6 disconnected).");
    }

    public void TradesReceived(string exchange, string symbol, int count) =>
        _trades.Add(count, new KeyValuePair<string, object?>("exchange", exchange), new KeyValuePair<string, object?>("symbol", symbol));

    public void Lag(string exchange, double seconds) => _lag.Record(seconds, new KeyValuePair<string, object?>("exchange", exchange));

    public void Reconnect(string exchange) => _reconnects.Add(1, new KeyValuePair<string, object?>("exchange", exchange));

    public void Gap(string exchange, string symbol, long missing)
    {
        var tags = new TagPair(exchange, symbol);
        _gaps.Add(1, tags.Exchange, tags.Symbol);
        _missing.Add(missing, tags.Exchange, tags.Symbol);
    }

    public void Backfilled(string exchange, string symbol, long count)
    {
        var tags = new TagPair(exchange, symbol);
        _backfilled.Add(count, tags.Exchange, tags.Symbol);
    }

    public void Stale(string exchange) => _stale.Add(1, new KeyValuePair<string, object?>("exchange", exchange));

    public void FrameProblem(string exchange, string kind) =>
        _frameProblems.Add(1, new KeyValuePair<string, object?>("exchange", exchange), new KeyValuePair<string, object?>("kind", kind));

    public void Published(int count) => _published.Add(count);

    public void PublishLatency(double seconds) => _publishLatency.Record(seconds);

    public void PublishRetries(int count) => _publishRetries.Add(count);

    public void Whale(string exchange, string kind) =>
        _whales.Add(1, new KeyValuePair<string, object?>("exchange", exchange), new KeyValuePair<string, object?>("kind", kind));

    private static IEnumerable<Measurement<double>> UnhealthyRatios(FeedRegistry feeds)
    {
        foreach (var exchange in feeds.Feeds.Select(f => f.Exchange).Distinct(StringComparer.Ordinal))
        {
            yield return new Measurement<double>(feeds.UnhealthyRatio(exchange), new KeyValuePair<string, object?>("exchange", exchange));
        }
    }

    private static IEnumerable<Measurement<int>> States(FeedRegistry feeds)
    {
        foreach (var feed in feeds.Feeds)
        {
            yield return new Measurement<int>(
                (int)feed.State,
                new KeyValuePair<string, object?>("exchange", feed.Exchange),
                new KeyValuePair<string, object?>("connection", feed.Connection));
        }
    }

    private readonly record struct TagPair(string ExchangeName, string SymbolName)
    {
        public KeyValuePair<string, object?> Exchange => new("exchange", ExchangeName);

        public KeyValuePair<string, object?> Symbol => new("symbol", SymbolName);
    }
}
