using System.Globalization;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace Sofia.Benchmarks.Exchanges;

/// <summary>
/// Writes one JSON object per figure (<c>*-ingest.jsonl</c>) in the shape <c>scripts/bench.sh ingest</c> prints:
/// median nanoseconds per trade message and bytes allocated per message, per exchange and client.
/// </summary>
public sealed class IngestFiguresExporter : ExporterBase
{
    protected override string FileExtension => "jsonl";

    protected override string FileCaption => "ingest";

    public override void ExportToLog(Summary summary, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(logger);
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var (exchange, client) = method switch
            {
                "BinanceJsonDocumentPeer" => ("binance", "system.text.json-dom"),
                _ => (method.ToLowerInvariant(), "sofia"),
            };
            var nanoseconds = Math.Round(report.ResultStatistics.Median, 1);
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
            logger.WriteLine(Figure("parse_ns_per_trade", nanoseconds.ToString(CultureInfo.InvariantCulture), "ns", client, exchange));
            logger.WriteLine(Figure("allocated_bytes_per_message", allocated.ToString(CultureInfo.InvariantCulture), "bytes", client, exchange));
        }
    }

    private static string Figure(string metric, string value, string unit, string client, string exchange) =>
        $$"""{"suite":"ingest","metric":"{{metric}}","value":{{value}},"unit":"{{unit}}","client":"{{client}}","exchange":"{{exchange}}"}""";
}
