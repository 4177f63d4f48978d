using System.Text;

namespace Sofia.MarketData;

/// <summary>
/// One trade to store. Exchange, symbol and trade id are UTF-8, so a writer can pass slices of the payload it decoded
/// without copying them; price and quantity are fixed-point with <see cref="Scale"/> decimal places (the storage's
/// Decimal(38, 18)). The store's key is exchange + symbol + trade id: storing the same trade again changes nothing.
/// </summary>
/// <param name="Exchange">Lower-case exchange name, UTF-8.</param>
/// <param name="Symbol">Canonical BASE-QUOTE symbol, UTF-8.</param>
/// <param name="TradeId">The exchange's trade id, UTF-8.</param>
/// <param name="Price">Price × 10^18.</param>
/// <param name="Quantity">Quantity × 10^18.</param>
/// <param name="Side">Taker side: <see cref="Buy"/> or <see cref="Sell"/> (as sofia.v1.Side).</param>
/// <param name="ExchangeTimeUs">The exchange's trade time, UTC epoch microseconds.</param>
/// <param name="ReceiveTimeUs">When we received it, UTC epoch microseconds.</param>
public readonly record struct MarketTick(
    ReadOnlyMemory<byte> Exchange,
    ReadOnlyMemory<byte> Symbol,
    ReadOnlyMemory<byte> TradeId,
    Int128 Price,
    Int128 Quantity,
    byte Side,
    long ExchangeTimeUs,
    long ReceiveTimeUs)
{
    /// <summary>Decimal places of <see cref="Price"/> and <see cref="Quantity"/>.</summary>
    public const int Scale = 18;

    /// <summary>The taker bought.</summary>
    public const byte Buy = 1;

    /// <summary>The taker sold.</summary>
    public const byte Sell = 2;

    private static readonly Int128 One = Int128.Parse("1000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A tick from text and decimals (tests, simulators); the writer's hot path builds ticks from payload slices.</summary>
    /// <exception cref="ArgumentException">A value has more than 18 decimal places.</exception>
    public static MarketTick Create(
        string exchange,
        string symbol,
        string tradeId,
        decimal price,
        decimal quantity,
        bool takerIsBuyer,
        long exchangeTimeUs,
        long receiveTimeUs) =>
        new(
            Encoding.UTF8.GetBytes(exchange),
            Encoding.UTF8.GetBytes(symbol),
            Encoding.UTF8.GetBytes(tradeId),
            ToFixedPoint(price),
            ToFixedPoint(quantity),
            takerIsBuyer ? Buy : Sell,
            exchangeTimeUs,
            receiveTimeUs);

    /// <summary><paramref name="value"/> × 10^18, exactly.</summary>
    /// <exception cref="ArgumentException">It has more than 18 decimal places.</exception>
    public static Int128 ToFixedPoint(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        if (scale > Scale)
        {
            var divisor = Pow10(scale - Scale);
            if (mantissa % divisor != 0)
            {
                throw new ArgumentException($"{value} has more than {Scale} decimal places.", nameof(value));
            }

            mantissa /= divisor;
        }
        else
        {
            mantissa *= Pow10(Scale - scale);
        }

        return bits[3] < 0 ? -mantissa : mantissa;
    }

    /// <summary>A fixed-point value as a decimal without trailing zeros (67250.100… → 67250.1).</summary>
    public static decimal ToDecimal(Int128 fixedPoint)
    {
        var whole = fixedPoint / One;
        var fraction = (long)(fixedPoint % One);
        var value = (decimal)whole + (fraction / 1_000_000_000_000_000_000m);
        return Normalize(value);
    }

    /// <summary>Removes trailing zeros: 67250.100000000000000000 → 67250.1.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
