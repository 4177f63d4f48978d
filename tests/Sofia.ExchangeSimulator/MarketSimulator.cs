using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator;

/// <summary>
/// A seeded market: trades arrive as a Poisson process at <see cref="TradesPerSecond"/>, each symbol's price
/// follows a geometric random walk with regime-switching volatility and occasional jumps, sizes are log-normal
/// with a Pareto tail, and ids count up by one per symbol. Trade times come from the clock's timeline, so the
/// same options, seed and clock readings give the same trades. Not thread-safe, except <see cref="TradesPerSecond"/>.
/// </summary>
public sealed class MarketSimulator
{
    private readonly TimeProvider _clock;
    private readonly Xoshiro256 _random;
    private readonly SymbolProcess[] _symbols;
    private readonly double[] _cumulativeWeights;
    private double _rate;
    private double _nextArrivalUs;
    private long _lastArrivalUs;
    private PendingRate? _pendingRate;

    /// <summary>Creates the market; its timeline starts at the clock's current time.</summary>
    public MarketSimulator(MarketSimulatorOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        Validate(options);
        _clock = clock;
        _random = new Xoshiro256(options.Seed);
        StartTimeUs = NowUs(clock);
        _symbols = [.. options.Symbols.Select(s => new SymbolProcess(s, options, StartTimeUs))];
        Symbols = [.. options.Symbols];
        _cumulativeWeights = new double[_symbols.Length];
        var total = 0.0;
        for (var i = 0; i < _symbols.Length; i++)
        {
            total += options.Symbols[i].Weight;
            _cumulativeWeights[i] = total;
        }

        _rate = options.TradesPerSecond;
        _nextArrivalUs = StartTimeUs + NextGapUs();
    }

    /// <summary>The markets, in the order given.</summary>
    public IReadOnlyList<SymbolSpec> Symbols { get; }

    /// <summary>The start of the timeline, UTC epoch microseconds.</summary>
    public long StartTimeUs { get; }

    /// <summary>Trades generated so far over all symbols.</summary>
    public long TradesGenerated { get; private set; }

    /// <summary>Trades per second over all symbols; a change applies from the clock's time of the change. Thread-safe.</summary>
    public double TradesPerSecond
    {
        get => Volatile.Read(ref _pendingRate)?.Rate ?? _rate;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _pendingRate, new PendingRate(value, NowUs(_clock)));
        }
    }

    /// <summary>The index of the volatility regime a symbol is in now (into <see cref="MarketSimulatorOptions.Regimes"/>).</summary>
    public int RegimeOf(string symbol)
    {
        foreach (var process in _symbols)
        {
            if (process.Spec.Symbol == symbol)
            {
                return process.Regime;
            }
        }

        throw new KeyNotFoundException($"{symbol} is not simulated.");
    }

    /// <summary>
    /// Writes the trades whose time has come by the clock, oldest first, and returns how many; when the result
    /// equals the destination's length more may be due, so call again.
    /// </summary>
    public int Generate(Span<SimulatedTrade> destination) => GenerateUntil(NowUs(_clock), destination);

    internal int GenerateUntil(long untilUs, Span<SimulatedTrade> destination)
    {
        if (Interlocked.Exchange(ref _pendingRate, null) is { } pending)
        {
            _rate = pending.Rate;
            // Arrivals are memoryless, so the next one is drawn afresh from the change (never before a trade already made).
            _nextArrivalUs = Math.Max(pending.AtUs, _lastArrivalUs) + NextGapUs();
        }

        var count = 0;
        while (count < destination.Length && _nextArrivalUs <= untilUs)
        {
            var timeUs = (long)_nextArrivalUs;
            _lastArrivalUs = timeUs;
            destination[count++] = _symbols[PickSymbol()].Next(timeUs, _random);
            _nextArrivalUs += NextGapUs();
        }

        TradesGenerated += count;
        return count;
    }

    internal static long NowUs(TimeProvider clock) => (clock.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    private static void Validate(MarketSimulatorOptions options)
    {
        if (options.Symbols.Count == 0)
        {
            throw new ArgumentException("At least one symbol is needed.", nameof(options));
        }

        if (options.Symbols.Select(s => s.Symbol).Distinct(StringComparer.Ordinal).Count() != options.Symbols.Count)
        {
            throw new ArgumentException("Symbols must be distinct.", nameof(options));
        }

        if (options.Regimes.Count == 0 || options.Regimes.Any(r => r.AnnualizedVolatility < 0 || r.MeanDuration <= TimeSpan.Zero))
        {
            throw new ArgumentException("At least one regime is needed, with a volatility ≥ 0 and a positive mean duration.", nameof(options));
        }

        if (options.TradesPerSecond < 0 || options.Symbols.Any(s => s.Weight <= 0 || s.InitialPrice <= 0 || s.TypicalQuantity <= 0
            || s.PriceDecimals is < 0 or > 12 || s.QuantityDecimals is < 0 or > 12))
        {
            throw new ArgumentException("Rates, weights, prices and sizes must be positive, with 0 to 12 decimals.", nameof(options));
        }
    }

    private double NextGapUs() => _rate > 0 ? _random.NextExponential() * 1e6 / _rate : double.PositiveInfinity;

    private int PickSymbol()
    {
        if (_symbols.Length == 1)
        {
            return 0;
        }

        var target = _random.NextDouble() * _cumulativeWeights[^1];
        for (var i = 0; i < _cumulativeWeights.Length - 1; i++)
        {
            if (target < _cumulativeWeights[i])
            {
                return i;
            }
        }

        return _cumulativeWeights.Length - 1;
    }

    private sealed record PendingRate(double Rate, long AtUs);
}
