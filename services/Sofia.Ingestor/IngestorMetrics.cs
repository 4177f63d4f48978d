using System.Diagnostics.Metrics;

namespace Sofia.Ingestor;

/// <summary>The ingestor's instruments, under the meter named after its assembly.</summary>
internal sealed class IngestorMetrics
{
    public const string MeterName = "Sofia.Ingestor";

    private readonly Counter<long> _trades;

    public IngestorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _trades = meter.CreateCounter<long>("sofia.ingestor.trades", "{trade}", "Trades received from exchanges.");
    }

    public void TradeReceived(string exchange, string symbol) =>
        _trades.Add(1, new KeyValuePair<string, object?>("exchange", exchange), new KeyValuePair<string, object?>("symbol", symbol));
}
