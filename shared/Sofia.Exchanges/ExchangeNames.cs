namespace Sofia.Exchanges;

/// <summary>The lower-case exchange names used in subjects, message ids and configuration.</summary>
public static class ExchangeNames
{
    /// <summary>Binance spot.</summary>
    public const string Binance = "binance";

    /// <summary>Bybit v5 spot.</summary>
    public const string Bybit = "bybit";

    /// <summary>OKX v5.</summary>
    public const string Okx = "okx";

    /// <summary>Coinbase (Advanced Trade, or the Exchange feed).</summary>
    public const string Coinbase = "coinbase";

    /// <summary>The four supported exchanges.</summary>
    public static IReadOnlyList<string> All { get; } = [Binance, Bybit, Okx, Coinbase];
}
