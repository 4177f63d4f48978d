using BenchmarkDotNet.Attributes;
using Sofia.Trading;
using Sofia.Trading.Indicators;

namespace Sofia.Benchmarks.Trading;

/// <summary>
/// Indicator updates on a synthetic random walk of 1,000 bars per invocation. Budget: 0 bytes allocated per
/// update; a simple indicator well under 50 ns, Hurst(200, 20) under 1 µs.
/// </summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private const int Bars = 1_000;
    private readonly Bar[] _bars = new Bar[Bars];
    private readonly SimpleMovingAverage _sma = new(20);
    private readonly ExponentialMovingAverage _ema = new(20);
    private readonly RelativeStrengthIndex _rsi = new(14);
    private readonly BollingerBands _bollinger = new(20, 2);
    private readonly DonchianChannels _donchian = new(20);
    private readonly SuperTrend _superTrend = new(10, 3);
    private readonly MovingAverageConvergenceDivergence _macd = new(12, 26, 9);
    private readonly Stochastic _stochastic = new(14, 3, 3);
    private readonly HurstExponent _hurst = new(200, 20);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var price = 30_000.0;
        for (var i = 0; i < Bars; i++)
        {
            var open = price;
            price *= 1 + ((random.NextDouble() - 0.5) * 0.002);
            var high = Math.Max(open, price) * (1 + (random.NextDouble() * 0.0005));
            var low = Math.Min(open, price) * (1 - (random.NextDouble() * 0.0005));
            _bars[i] = new Bar(i * 60_000_000L, open, high, low, price, random.NextDouble() * 10);
        }
    }

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Sma() => Run(_sma);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Ema() => Run(_ema);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Rsi() => Run(_rsi);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Bollinger() => Run(_bollinger);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Donchian() => Run(_donchian);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double SuperTrend() => Run(_superTrend);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Macd() => Run(_macd);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Stochastic() => Run(_stochastic);

    [Benchmark(OperationsPerInvoke = Bars)]
    public double Hurst() => Run(_hurst);

    private double Run<T>(T indicator)
        where T : IIndicator
    {
        var sum = 0.0;
        foreach (ref readonly var bar in _bars.AsSpan())
        {
            indicator.Update(bar);
            sum += indicator.Value;
        }

        return sum;
    }
}
