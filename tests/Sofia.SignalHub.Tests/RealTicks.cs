using System.Globalization;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Testing;
using Sofia.Trading;
using Sofia.Trading.Data;

namespace Sofia.SignalHub.Tests;

/// <summary>Tick protobufs built from the real BTC 1-minute candles: four per bar (open, high, low, close), 15 s apart.</summary>
internal static class RealTicks
{
    public const string Exchange = "binance";
    public const string Symbol = "BTC-USDT";

    private static readonly Lazy<Bar[]> BtcBars = new(() =>
        BarFileReader.ReadAll(ReferenceData.File("binance-klines-1m/BTC_USDT-1m_2023-03-16_2023-05-01.csv")));

    public static Bar[] Bars(int count) => BtcBars.Value.AsSpan(0, count).ToArray();

    public static List<Tick> From(IReadOnlyList<Bar> bars)
    {
        var ticks = new List<Tick>(bars.Count * 4);
        var id = 5_000_000L;
        foreach (var bar in bars)
        {
            var quarter = Math.Round((decimal)bar.Volume / 4, 8);
            ticks.Add(Make(bar.OpenTimeUs, bar.Open, quarter, Side.Buy, id++));
            ticks.Add(Make(bar.OpenTimeUs + 15_000_000, bar.High, quarter, Side.Sell, id++));
            ticks.Add(Make(bar.OpenTimeUs + 30_000_000, bar.Low, quarter, Side.Sell, id++));
            ticks.Add(Make(bar.OpenTimeUs + 45_000_000, bar.Close, quarter, Side.Buy, id++));
        }

        return ticks;
    }

    public static string MessageId(Tick tick) => MessageHeaders.TickMessageId(tick.Exchange, tick.Symbol, tick.TradeId);

    private static Tick Make(long timeUs, double price, decimal quantity, Side side, long id) => new()
    {
        Exchange = Exchange,
        Symbol = Symbol,
        Price = DecimalValue.FromDecimal((decimal)price),
        Quantity = DecimalValue.FromDecimal(quantity),
        AggressorSide = side,
        TradeId = id.ToString(CultureInfo.InvariantCulture),
        ExchangeTimeUs = timeUs,
        ReceiveTimeUs = timeUs + 1_000,
    };
}
