using BenchmarkDotNet.Configs;

namespace Sofia.Benchmarks.Exchanges;

/// <summary>Adds the exporter that writes the ingest suite's JSON figures beside BenchmarkDotNet's own reports.</summary>
public sealed class IngestBenchmarkConfig : ManualConfig
{
    public IngestBenchmarkConfig() => AddExporter(new IngestFiguresExporter());
}
