using Sofia.Testing;
using Sofia.Trading.Data;

namespace Sofia.Trading.Tests.Backtesting;

/// <summary>The real BTC and ETH 1-minute candles of shared/data, read in place once per test run.</summary>
internal static class RealBars
{
    public const string BtcFile = "binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv";
    public const string EthFile = "binance-klines-1m/ETH_USDT-1m_2023-03-16_2023-05-01.csv";

    private static readonly Lazy<Bar[]> BtcBars = new(() => BarFileReader.ReadAll(ReferenceData.File(BtcFile)));
    private static readonly Lazy<Bar[]> EthBars = new(() => BarFileReader.ReadAll(ReferenceData.File(EthFile)));

    public static Bar[] Btc => BtcBars.Value;

    public static Bar[] Eth => EthBars.Value;
}
