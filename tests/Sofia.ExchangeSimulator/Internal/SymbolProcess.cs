namespace Sofia.ExchangeSimulator.Internal;

/// <summary>One symbol's price and size process: a geometric random walk with regime-switching volatility and jumps.</summary>
internal sealed class SymbolProcess
{
    private const double SecondsPerYear = 365.0 * 24 * 3600;
    private const double MaxTailMultiplier = 10_000;

    private readonly double[] _sigmaPerRootSecond;
    private readonly double[] _meanDurationSeconds;
    private readonly double _priceUnits;
    private readonly double _quantityUnits;
    private readonly double _typicalQuantity;
    private readonly double _jumpsPerSecond;
    private readonly double _jumpVolatility;
    private readonly double _sizeLogVolatility;
    private readonly double _tailProbability;
    private readonly double _inverseTailIndex;
    private double _logPrice;
    private long _lastTimeUs;
    private long _lastPriceMantissa;
    private long _nextTradeId = 1;

    public SymbolProcess(SymbolSpec spec, MarketSimulatorOptions options, long startUs)
    {
        Spec = spec;
        _sigmaPerRootSecond = [.. options.Regimes.Select(r => r.AnnualizedVolatility / Math.Sqrt(SecondsPerYear))];
        _meanDurationSeconds = [.. options.Regimes.Select(r => r.MeanDuration.TotalSeconds)];
        _priceUnits = Math.Pow(10, spec.PriceDecimals);
        _quantityUnits = Math.Pow(10, spec.QuantityDecimals);
        _typicalQuantity = (double)spec.TypicalQuantity;
        _jumpsPerSecond = options.JumpsPerHour / 3600;
        _jumpVolatility = options.JumpVolatility;
        _sizeLogVolatility = options.SizeLogVolatility;
        _tailProbability = options.TailProbability;
        _inverseTailIndex = 1 / options.TailIndex;
        _logPrice = Math.Log((double)spec.InitialPrice);
        _lastPriceMantissa = (long)Math.Round((double)spec.InitialPrice * _priceUnits);
        _lastTimeUs = startUs;
    }

    public SymbolSpec Spec { get; }

    public int Regime { get; private set; }

    public SimulatedTrade Next(long timeUs, Xoshiro256 random)
    {
        var dt = Math.Max(0, timeUs - _lastTimeUs) / 1e6;
        _lastTimeUs = timeUs;
        if (_sigmaPerRootSecond.Length > 1 && random.NextDouble() < 1 - Math.Exp(-dt / _meanDurationSeconds[Regime]))
        {
            // Move to one of the other states, uniformly.
            var next = (int)(random.NextDouble() * (_sigmaPerRootSecond.Length - 1));
            Regime = next >= Regime ? next + 1 : next;
        }

        var logReturn = _sigmaPerRootSecond[Regime] * Math.Sqrt(dt) * random.NextNormal();
        if (random.NextDouble() < _jumpsPerSecond * dt)
        {
            logReturn += _jumpVolatility * random.NextNormal();
        }

        _logPrice += logReturn;
        var price = Math.Max(1, (long)Math.Round(Math.Exp(_logPrice) * _priceUnits));

        // Takers lean with the tick: an up-tick is usually a buyer lifting the offer.
        var buyProbability = price > _lastPriceMantissa ? 0.7 : price < _lastPriceMantissa ? 0.3 : 0.5;
        var takerIsBuyer = random.NextDouble() < buyProbability;
        _lastPriceMantissa = price;

        var size = _typicalQuantity * Math.Exp(_sizeLogVolatility * random.NextNormal());
        if (random.NextDouble() < _tailProbability)
        {
            size *= Math.Min(MaxTailMultiplier, Math.Pow(random.NextOpenDouble(), -_inverseTailIndex));
        }

        var quantity = Math.Max(1, (long)Math.Round(size * _quantityUnits));
        return new SimulatedTrade(Spec.Symbol, _nextTradeId++, price, Spec.PriceDecimals, quantity, Spec.QuantityDecimals, takerIsBuyer, timeUs);
    }
}
