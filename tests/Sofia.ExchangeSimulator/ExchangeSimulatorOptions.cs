namespace Sofia.ExchangeSimulator;

/// <summary>How the exchange simulator listens, what it simulates and how it treats slow clients.</summary>
public sealed record ExchangeSimulatorOptions
{
    /// <summary>The TCP port on 127.0.0.1; 0 picks a free one (see <see cref="ExchangeSimulatorServer.BaseUri"/>).</summary>
    public int Port { get; init; }

    /// <summary>The market every exchange endpoint prints (the same trades on each, in each exchange's format).</summary>
    public MarketSimulatorOptions Market { get; init; } = new();

    /// <summary>The exchanges served; the others' endpoints answer 404.</summary>
    public IReadOnlyList<string> Exchanges { get; init; } =
        [ExchangeSimulatorServer.Binance, ExchangeSimulatorServer.Bybit, ExchangeSimulatorServer.Okx, ExchangeSimulatorServer.Coinbase];

    /// <summary>Trades kept per symbol for the REST endpoints.</summary>
    public int HistoryCapacity { get; init; } = 100_000;

    /// <summary>Bytes queued for one connection beyond which it is cut off as too slow, as exchanges do.</summary>
    public long MaxPendingBytesPerConnection { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most trades in one frame where the exchange packs several (Bybit, OKX, Coinbase); Binance sends one per frame.</summary>
    public int MaxTradesPerFrame { get; init; } = 100;

    /// <summary>How often the market is advanced and trades are sent, on the simulator's clock.</summary>
    public TimeSpan PumpInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Whether the <c>/_sim/*</c> fault and rate endpoints are mapped.</summary>
    public bool ControlEndpoints { get; init; } = true;
}
