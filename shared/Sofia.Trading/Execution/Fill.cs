namespace Sofia.Trading.Execution;

/// <summary>
/// One execution of (part of) an order. <see cref="Price"/> already includes slippage; <see cref="Fee"/> is in quote
/// currency and is paid on top of the notional (buys pay <c>Quantity·Price + Fee</c>, sells receive <c>Quantity·Price − Fee</c>).
/// </summary>
/// <param name="OrderId">The order this fill belongs to.</param>
/// <param name="Strategy">Owning strategy.</param>
/// <param name="Symbol">Market symbol.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Filled base quantity, positive.</param>
/// <param name="Price">Fill price after slippage.</param>
/// <param name="Fee">Fee in quote currency, non-negative.</param>
/// <param name="Liquidity">Maker or taker (selects the fee rate).</param>
/// <param name="TimeUs">Bar open time (bar mode) or trade time (tick mode), UTC epoch microseconds.</param>
/// <param name="RemainingQuantity">Quantity of the order still open after this fill; zero when it is complete.</param>
public readonly record struct Fill(
    long OrderId,
    string Strategy,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    Liquidity Liquidity,
    long TimeUs,
    decimal RemainingQuantity)
{
    /// <summary>Quantity with the sign of the side: positive for buys, negative for sells.</summary>
    public decimal SignedQuantity => Side == OrderSide.Buy ? Quantity : -Quantity;

    /// <summary>Quantity times price, positive.</summary>
    public decimal Notional => Quantity * Price;

    /// <summary>True when the order is completely filled.</summary>
    public bool IsComplete => RemainingQuantity == 0m;
}
