using Sofia.Testing;
using Sofia.Trading;
using Sofia.Trading.Data;

namespace Sofia.Signals.Tests;

/// <summary>The real BTC 1-minute candles of shared/data, read in place once per run.</summary>
internal static class RealBars
{
    public const string BtcFile = "binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv";

    private static readonly Lazy<Bar[]> BtcBars = new(() => BarFileReader.ReadAll(ReferenceData.File(BtcFile)));

    public static Bar[] Btc => BtcBars.Value;

    /// <summary>
    /// Four trades per bar, 15 s apart: open, high, low, close, each a quarter of the volume; the taker buys on the
    /// open and the close. The bar they build has the candle's OHLC and a volume of four quarters summed in order.
    /// </summary>
    public static IEnumerable<(TradeTick Tick, string TradeId)> AsTicks(IEnumerable<Bar> bars)
    {
        var id = 1000L;
        foreach (var bar in bars)
        {
            var quarter = bar.Volume / 4;
            yield return (new TradeTick(bar.OpenTimeUs, bar.Open, quarter, true), (id++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return (new TradeTick(bar.OpenTimeUs + 15_000_000, bar.High, quarter, false), (id++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return (new TradeTick(bar.OpenTimeUs + 30_000_000, bar.Low, quarter, false), (id++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return (new TradeTick(bar.OpenTimeUs + 45_000_000, bar.Close, quarter, true), (id++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The bar that <see cref="AsTicks"/> builds from <paramref name="bar"/>.</summary>
    public static Bar AsBuilt(Bar bar)
    {
        var quarter = bar.Volume / 4;
        return bar with { Volume = quarter + quarter + quarter + quarter };
    }
}
