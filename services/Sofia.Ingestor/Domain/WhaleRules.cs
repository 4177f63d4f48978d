namespace Sofia.Ingestor.Domain;

/// <summary>
/// When a trade or a market's flow is worth an alert. A single trade alerts when its notional reaches
/// <see cref="ThresholdUsd"/>. The imbalance looks at the taker notional of the last <see cref="Window"/>
/// (by exchange time, one-second buckets): once it holds at least <see cref="MinWindowNotionalUsd"/>, a buy
/// share at or above <see cref="ImbalanceThreshold"/> is accumulation and one at or below 1 − threshold is
/// distribution. Each episode alerts once; the next alert of a kind needs the share to leave the band first.
/// </summary>
internal sealed record WhaleRules(decimal ThresholdUsd, TimeSpan Window, double ImbalanceThreshold, decimal MinWindowNotionalUsd)
{
    /// <summary>Quote currencies whose notional counts as USD.</summary>
    public static IReadOnlySet<string> UsdQuotes { get; } =
        new HashSet<string>(["USD", "USDT", "USDC", "FDUSD", "BUSD", "TUSD", "USDP", "DAI"], StringComparer.Ordinal);
}
