using BenchmarkDotNet.Attributes;
using Sofia.Testing;
using Sofia.Trading.Data;

namespace Sofia.Benchmarks.Trading;

/// <summary>
/// Loading the 66,087-row BTC 1-minute file (shared/data) as CSV and as freqtrade JSON. Budget: well under
/// 100 ms per file; allocation about the bar array itself (66,087 × 48 bytes) plus the pooled read buffer.
/// </summary>
[MemoryDiagnoser]
public class BarLoaderBenchmarks
{
    private string _csv = string.Empty;
    private string _json = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var root = ReferenceData.Root ?? throw new InvalidOperationException("shared/data not found: set SOFIA_REFERENCE_DATA.");
        _csv = Path.Combine(root, "binance-klines-1m", "BTC_USDT-1m_2023-03-16_2023-05-01.csv");
        _json = Path.Combine(root, "binance-klines-1m", "BTC_USDT-1m_2023-03-16_2023-05-01.freqtrade.json");
    }

    [Benchmark(Baseline = true)]
    public int ReadAllCsv() => BarFileReader.ReadAll(_csv).Length;

    [Benchmark]
    public int ReadAllFreqtradeJson() => BarFileReader.ReadAll(_json).Length;

    [Benchmark]
    public double StreamCsv()
    {
        var sum = 0.0;
        foreach (var bar in BarFileReader.Read(_csv))
        {
            sum += bar.Close;
        }

        return sum;
    }
}
