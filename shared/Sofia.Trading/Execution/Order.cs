namespace Sofia.Trading.Execution;

/// <summary>
/// An order to one market. Quantities are positive base units; <see cref="Side"/> gives the direction.
/// Build one with <see cref="Market"/>, <see cref="Limit"/> or <see cref="StopMarket"/>.
/// </summary>
/// <param name="Id">Caller-assigned identifier, unique among open orders of a simulator.</param>
/// <param name="Strategy">Strategy that owns the order (ledger attribution).</param>
/// <param name="Symbol">Canonical market symbol, e.g. <c>BTC-USDT</c>.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Market, limit or stop.</param>
/// <param name="Quantity">Positive base quantity.</param>
/// <param name="Price">Limit or stop price; zero for market orders.</param>
/// <param name="TimeUs">Decision time, UTC epoch microseconds; the order can fill only on a bar opening at or after it.</param>
public readonly record struct Order(
    long Id,
    string Strategy,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal Price,
    long TimeUs)
{
    /// <summary>Quantity with the sign of the side: positive for buys, negative for sells.</summary>
    public decimal SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;

    /// <summary>A market order.</summary>
    public static Order Market(long id, string strategy, string symbol, OrderSide side, decimal quantity, long timeUs) =>
        new(id, strategy, symbol, side, OrderType.Market, quantity, 0m, timeUs);

    /// <summary>A limit order at <paramref name="limitPrice"/>.</summary>
    public static Order Limit(long id, string strategy, string symbol, OrderSide side, decimal quantity, decimal limitPrice, long timeUs) =>
        new(id, strategy, symbol, side, OrderType.Limit, quantity, limitPrice, timeUs);

    /// <summary>A stop (stop-market) order triggered at <paramref name="stopPrice"/>.</summary>
    public static Order StopMarket(long id, string strategy, string symbol, OrderSide side, decimal quantity, decimal stopPrice, long timeUs) =>
        new(id, strategy, symbol, side, OrderType.Stop, quantity, stopPrice, timeUs);
}
