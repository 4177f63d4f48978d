using System.ComponentModel.DataAnnotations;
using Sofia.Exchanges;

namespace Sofia.Ingestor.Options;

/// <summary>
/// Which markets the ingestor follows and how it treats them, bound from the <c>Ingestor</c> section.
/// The flat keys <c>EXCHANGES</c> and <c>SYMBOLS</c> (comma-separated, e.g. <c>SOFIA_EXCHANGES=binance,okx</c>)
/// replace the lists when set.
/// </summary>
internal sealed record IngestorOptions : IValidatableObject
{
    public const string SectionName = "Ingestor";

    private IReadOnlyList<string> _exchanges = [];
    private IReadOnlyList<string> _symbols = [];

    /// <summary>Exchange names as they appear in subjects.</summary>
    public static IReadOnlyList<string> KnownExchanges { get; } = ExchangeNames.All;

    [MinLength(1, ErrorMessage = "must list at least one exchange")]
    public IReadOnlyList<string> Exchanges { get => _exchanges; init => _exchanges = value; }

    [MinLength(1, ErrorMessage = "must list at least one symbol")]
    public IReadOnlyList<string> Symbols { get => _symbols; init => _symbols = value; }

    /// <summary>Per exchange, canonical symbol → the exchange's spelling, where the default rule is wrong.</summary>
    public IDictionary<string, IDictionary<string, string>> SymbolMap { get; init; } =
        new Dictionary<string, IDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per exchange, WebSocket and REST addresses that replace the public ones (tests, testnets).</summary>
    public IDictionary<string, ExchangeEndpointOptions> Endpoints { get; init; } =
        new Dictionary<string, ExchangeEndpointOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A connection whose markets print nothing for this long is reconnected.</summary>
    [Range(0.1, 3600, ErrorMessage = "must be between 0.1 and 3600 seconds")]
    public double StaleAfterSeconds { get; init; } = 30;

    /// <summary>First reconnect delay; it doubles (with jitter) per failed attempt.</summary>
    [Range(0.01, 60, ErrorMessage = "must be between 0.01 and 60 seconds")]
    public double ReconnectDelaySeconds { get; init; } = 0.5;

    /// <summary>Longest reconnect delay.</summary>
    [Range(0.1, 600, ErrorMessage = "must be between 0.1 and 600 seconds")]
    public double ReconnectDelayMaxSeconds { get; init; } = 30;

    /// <summary>Messages held for NATS (ticks, events); when full, sockets stop being read and readiness fails.</summary>
    [Range(1000, 50_000_000, ErrorMessage = "must be between 1000 and 50000000 messages")]
    public int BufferCapacity { get; init; } = 500_000;

    /// <summary>Messages published before waiting for their acks.</summary>
    [Range(1, 65_536, ErrorMessage = "must be between 1 and 65536")]
    public int PublishBatchSize { get; init; } = 8192;

    /// <summary>A trade at least this notional (USD, or a USD stablecoin quote) raises a whale alert.</summary>
    [Range(0.0, 1e12, ErrorMessage = "must be non-negative")]
    public decimal WhaleThresholdUsd { get; init; } = 100_000m;

    /// <summary>The rolling window of the buy/sell imbalance.</summary>
    [Range(1, 3600, ErrorMessage = "must be between 1 and 3600 seconds")]
    public int ImbalanceWindowSeconds { get; init; } = 60;

    /// <summary>Buy share of the window's notional at or above which accumulation is flagged (distribution at or below 1 − this).</summary>
    [Range(0.5, 1.0, ErrorMessage = "must be between 0.5 and 1")]
    public double ImbalanceThreshold { get; init; } = 0.75;

    /// <summary>The window's notional (USD) below which no imbalance is flagged: thin markets are noise.</summary>
    [Range(0.0, 1e12, ErrorMessage = "must be non-negative")]
    public decimal ImbalanceMinNotionalUsd { get; init; } = 1_000_000m;

    /// <summary>OKX: use <c>trades-all</c> (one push per trade) instead of the aggregated <c>trades</c>.</summary>
    public bool OkxAllTrades { get; init; }

    /// <summary>Coinbase: use the Exchange feed (<c>matches</c>) instead of Advanced Trade.</summary>
    public bool CoinbaseExchangeFeed { get; init; }

    /// <summary>Most REST pages one gap may take to fill.</summary>
    [Range(1, 10_000, ErrorMessage = "must be between 1 and 10000")]
    public int BackfillMaxPages { get; init; } = 200;

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);

    public TimeSpan ReconnectDelay => TimeSpan.FromSeconds(ReconnectDelaySeconds);

    public TimeSpan ReconnectDelayMax => TimeSpan.FromSeconds(ReconnectDelayMaxSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Exchanges.Count; i++)
        {
            if (!KnownExchanges.Contains(Exchanges[i], StringComparer.Ordinal))
            {
                yield return new ValidationResult(
                    $"'{Exchanges[i]}' is not a known exchange; use one of {string.Join(", ", KnownExchanges)} (lower-case)",
                    [$"{nameof(Exchanges)}:{i}"]);
            }
        }

        for (var i = 0; i < Symbols.Count; i++)
        {
            if (!Sofia.Contracts.Symbols.TryCanonicalize(Symbols[i], out var canonical, out var error))
            {
                yield return new ValidationResult(error, [$"{nameof(Symbols)}:{i}"]);
            }
            else if (!string.Equals(canonical, Symbols[i], StringComparison.Ordinal))
            {
                yield return new ValidationResult(
                    $"'{Symbols[i]}' is not canonical BASE-QUOTE; write '{canonical}'",
                    [$"{nameof(Symbols)}:{i}"]);
            }
        }

        foreach (var (exchange, endpoints) in Endpoints)
        {
            foreach (var (key, value) in new[] { (nameof(endpoints.WebSocket), endpoints.WebSocket), (nameof(endpoints.Rest), endpoints.Rest) })
            {
                if (value is not null && !Uri.TryCreate(value, UriKind.Absolute, out _))
                {
                    yield return new ValidationResult($"'{value}' is not an absolute address", [$"{nameof(Endpoints)}:{exchange}:{key}"]);
                }
            }
        }

        if (ReconnectDelayMaxSeconds < ReconnectDelaySeconds)
        {
            yield return new ValidationResult("must not be below ReconnectDelaySeconds", [nameof(ReconnectDelayMaxSeconds)]);
        }
    }

    /// <summary>Applies the flat comma-separated aliases (<c>EXCHANGES</c>, <c>SYMBOLS</c>) when they are set.</summary>
    internal void ApplyFlatAliases(string? exchanges, string? symbols)
    {
        if (!string.IsNullOrWhiteSpace(exchanges))
        {
            _exchanges = SplitList(exchanges);
        }

        if (!string.IsNullOrWhiteSpace(symbols))
        {
            _symbols = SplitList(symbols);
        }
    }

    /// <summary>The symbol map of one exchange: the default spelling, overridden by <see cref="SymbolMap"/>.</summary>
    internal Sofia.Exchanges.SymbolMap SymbolMapFor(string exchange)
    {
        SymbolMap.TryGetValue(exchange, out var overrides);
        var pairs = Symbols.Select(s => new KeyValuePair<string, string>(
            s, overrides is not null && overrides.TryGetValue(s, out var spelled) ? spelled : Sofia.Exchanges.SymbolMap.DefaultExchangeSymbol(exchange, s)));
        return new Sofia.Exchanges.SymbolMap(exchange, pairs);
    }

    /// <summary>The adapter options of one exchange: endpoint overrides and channel choices.</summary>
    internal ExchangeAdapterOptions AdapterOptionsFor(string exchange)
    {
        Endpoints.TryGetValue(exchange, out var endpoints);
        return new ExchangeAdapterOptions
        {
            WebSocketEndpoint = endpoints?.WebSocket is { } ws ? new Uri(ws) : null,
            RestBaseAddress = endpoints?.Rest is { } rest ? new Uri(rest) : null,
            OkxAllTrades = OkxAllTrades,
            CoinbaseExchangeFeed = CoinbaseExchangeFeed,
        };
    }

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
