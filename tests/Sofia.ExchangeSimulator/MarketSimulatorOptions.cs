namespace Sofia.ExchangeSimulator;

/// <summary>What the simulated market trades and how it moves. The same options, seed and clock give the same trades.</summary>
public sealed record MarketSimulatorOptions
{
    /// <summary>The seed of every random draw.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The markets; by default BTC-USDT and ETH-USDT.</summary>
    public IReadOnlyList<SymbolSpec> Symbols { get; init; } = [SymbolSpec.Default("BTC-USDT"), SymbolSpec.Default("ETH-USDT")];

    /// <summary>Trades per second over all symbols (a Poisson process), shared by <see cref="SymbolSpec.Weight"/>.</summary>
    public double TradesPerSecond { get; init; } = 100;

    /// <summary>The volatility states each symbol's price switches between (a continuous-time Markov chain).</summary>
    public IReadOnlyList<VolatilityRegime> Regimes { get; init; } =
    [
        new(0.35, TimeSpan.FromMinutes(20)),
        new(0.70, TimeSpan.FromMinutes(10)),
        new(1.80, TimeSpan.FromMinutes(2)),
    ];

    /// <summary>How often a price jumps (a Poisson process per symbol).</summary>
    public double JumpsPerHour { get; init; } = 2;

    /// <summary>The standard deviation of a jump's log return.</summary>
    public double JumpVolatility { get; init; } = 0.005;

    /// <summary>The dispersion (σ of the log) of ordinary trade sizes around <see cref="SymbolSpec.TypicalQuantity"/>.</summary>
    public double SizeLogVolatility { get; init; } = 1.0;

    /// <summary>The share of trades that come from the Pareto tail (whales).</summary>
    public double TailProbability { get; init; } = 0.03;

    /// <summary>The Pareto tail index of whale multipliers (smaller is heavier).</summary>
    public double TailIndex { get; init; } = 1.3;

    /// <summary>Options for canonical symbols with <see cref="SymbolSpec.Default"/> specs.</summary>
    public static MarketSimulatorOptions For(long seed, double tradesPerSecond, params string[] symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return new MarketSimulatorOptions { Seed = seed, TradesPerSecond = tradesPerSecond, Symbols = [.. symbols.Select(SymbolSpec.Default)] };
    }
}
