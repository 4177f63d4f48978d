namespace Sofia.EndToEndTests.Harness;

/// <summary>What a <see cref="SofiaStack"/> runs: the simulated market and the strategy plan.</summary>
internal sealed record StackSettings
{
    /// <summary>The one exchange simulated.</summary>
    public string Exchange { get; init; } = "binance";

    /// <summary>Canonical symbols traded.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = ["BTC-USDT", "ETH-USDT"];

    /// <summary>Simulated trades per second over all symbols.</summary>
    public int TradesPerSecond { get; init; } = 40;

    /// <summary>The simulator's clock speed: exchange time runs this many times faster than the wall clock.</summary>
    public double Speed { get; init; } = 2;

    /// <summary>The simulated market's seed.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Each book's starting cash in the paper OMS.</summary>
    public decimal StartingCashPerBook { get; init; } = 10_000m;

    /// <summary>The strategy plan (signal hub YAML); one-second bars and short warm-ups so fills come quickly.</summary>
    public string StrategyPlan { get; init; } = """
        bar_interval: 1s
        fusion: { threshold: 0.2 }
        symbols:
          BTC-USDT:
            exchange: binance
            strategies:
              - { name: trend, params: { fast: 2, slow: 4 } }
              - { name: rsi_revert, params: { period: 3, lower: 45, upper: 55, exit: 50 } }
          ETH-USDT:
            exchange: binance
            strategies:
              - { name: trend, params: { fast: 2, slow: 5 } }
        """;

    /// <summary>Where the service logs are kept after the run (one file per process).</summary>
    public required string LogDirectory { get; init; }
}
