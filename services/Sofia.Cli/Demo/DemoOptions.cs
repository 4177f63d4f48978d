using Sofia.Cli.Commands;
using Sofia.Contracts;

namespace Sofia.Cli.Demo;

/// <summary>What <c>sofia demo</c> runs: how long, how fast the simulated clock goes, which markets, and where.</summary>
internal sealed record DemoOptions
{
    public static readonly string[] KnownExchanges = ["binance", "bybit", "okx", "coinbase"];

    /// <summary>Real seconds the market runs before the services are drained.</summary>
    public double DurationSeconds { get; init; } = 60;

    /// <summary>Simulated seconds per real second (1440: a trading day per minute).</summary>
    public double Speed { get; init; } = 1440;

    public IReadOnlyList<string> Symbols { get; init; } = ["BTC-USDT", "ETH-USDT"];

    public IReadOnlyList<string> Exchanges { get; init; } = ["binance"];

    public long Seed { get; init; } = 1;

    /// <summary>Trades per real second over all symbols (each exchange prints every trade once).</summary>
    public double TradesPerSecond { get; init; } = 150;

    /// <summary>Folder of the HTML report, the strategy plan and the log.</summary>
    public string OutputDirectory { get; init; } = "sofia-demo";

    /// <summary>A nats-server instead of the in-process bus.</summary>
    public Uri? NatsUrl { get; init; }

    /// <summary>A ClickHouse server instead of embedded storage.</summary>
    public Uri? ClickHouseUrl { get; init; }

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    /// <summary>Checks every value and canonicalizes the symbols; throws <see cref="CliInputException"/> naming the first bad option.</summary>
    public DemoOptions Validated()
    {
        Require(double.IsFinite(DurationSeconds) && DurationSeconds is >= 1 and <= 86_400, "--duration must be between 1 and 86400 real seconds");
        Require(double.IsFinite(Speed) && Speed is >= 1 and <= 100_000, "--speed must be between 1 and 100000 simulated seconds per real second");
        Require(double.IsFinite(TradesPerSecond) && TradesPerSecond is >= 1 and <= 5_000, "--tps must be between 1 and 5000 trades per real second");
        Require(Symbols.Count > 0, "--symbols needs at least one symbol");
        var symbols = new List<string>();
        foreach (var symbol in Symbols)
        {
            if (!Contracts.Symbols.TryCanonicalize(symbol, out var canonical, out var problem))
            {
                throw new CliInputException($"--symbols: {problem}");
            }

            symbols.Add(canonical);
        }

        Require(Exchanges.Count > 0, "--exchanges needs at least one exchange");
        foreach (var exchange in Exchanges)
        {
            Require(KnownExchanges.Contains(exchange, StringComparer.Ordinal), $"--exchanges: '{exchange}' is not one of {string.Join(", ", KnownExchanges)}");
        }

        Require(!string.IsNullOrWhiteSpace(OutputDirectory), "--out needs a folder");
        Require(NatsUrl is null || NatsUrl.Scheme is "nats" or "tls", "--nats must be a nats:// or tls:// address");
        Require(ClickHouseUrl is null || ClickHouseUrl.Scheme is "http" or "https", "--clickhouse must be an http:// or https:// address");
        return this with { Symbols = [.. symbols.Distinct(StringComparer.Ordinal)], Exchanges = [.. Exchanges.Distinct(StringComparer.Ordinal)] };
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CliInputException(message);
        }
    }
}
