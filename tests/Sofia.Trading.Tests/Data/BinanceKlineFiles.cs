using Sofia.Testing;

namespace Sofia.Trading.Tests.Data;

/// <summary>The real 1-minute Binance candles in shared/data/binance-klines-1m, read in place.</summary>
internal static class BinanceKlineFiles
{
    public const string Btc2023 = "BTC_USDT-1m_2023-03-16_2023-05-01";
    public const string Eth2023 = "ETH_USDT-1m_2023-03-16_2023-05-01";
    public const string Btc2021 = "BTC_USDT-1m_2021-04-02_2021-05-14";
    public const string Eth2021 = "ETH_USDT-1m_2021-04-02_2021-05-14";

    public static string Csv(string name) => ReferenceData.File($"binance-klines-1m/{name}.csv");

    public static string Json(string name) => ReferenceData.File($"binance-klines-1m/{name}.freqtrade.json");

    public static long Us(int year, int month, int day, int hour, int minute) =>
        (new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10;
}
