namespace Sofia.Trading.Portfolio;

/// <summary>
/// A signed holding in one symbol (positive long, negative short) with exact decimal accounting. The cost basis is
/// the signed sum of entry notionals of the open quantity (fees excluded); closing part of a position removes the
/// proportional part of the basis and books the difference to <see cref="RealizedPnl"/>.
/// </summary>
public sealed class Position
{
    // The basis removed by a partial close is rounded to 1e-12 so PnL figures keep short, exactly summable decimals;
    // the same rounded amount leaves the basis and enters realized PnL, so no money is created or lost.
    private const int BasisDecimals = 12;

    internal Position(string symbol) => Symbol = symbol;

    /// <summary>Market symbol.</summary>
    public string Symbol { get; }

    /// <summary>Signed quantity: positive long, negative short, zero flat.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>Signed entry notional of the open quantity (quantity · average price), fees excluded.</summary>
    public decimal CostBasis { get; private set; }

    /// <summary>Average entry price of the open quantity; zero when flat.</summary>
    public decimal AveragePrice => Quantity == 0m ? 0m : CostBasis / Quantity;

    /// <summary>Last mark price (from <see cref="Ledger.Mark"/>, or the first fill until a mark arrives).</summary>
    public decimal MarkPrice { get; private set; }

    /// <summary>Signed value at the mark: quantity · mark.</summary>
    public decimal MarketValue => Quantity * MarkPrice;

    /// <summary>Price PnL of the open quantity at the mark: market value − cost basis.</summary>
    public decimal UnrealizedPnl => MarketValue - CostBasis;

    /// <summary>Price PnL booked on closed quantity, fees excluded.</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>Fees paid on this symbol's fills.</summary>
    public decimal FeesPaid { get; private set; }

    internal bool HasMark { get; private set; }

    internal void Mark(decimal price)
    {
        MarkPrice = price;
        HasMark = true;
    }

    /// <summary>Applies a signed trade and returns the realized PnL it booked.</summary>
    internal decimal Apply(decimal signedQuantity, decimal price, decimal fee)
    {
        if (!HasMark)
        {
            Mark(price);
        }

        FeesPaid += fee;
        var realized = 0m;
        var remaining = signedQuantity;
        if (Quantity != 0m && Math.Sign(Quantity) != Math.Sign(signedQuantity))
        {
            var held = Math.Abs(Quantity);
            var closing = Math.Min(held, Math.Abs(signedQuantity));
            var closedSigned = Quantity > 0m ? closing : -closing;
            var removedBasis = closing == held ? CostBasis : Math.Round(CostBasis * closing / held, BasisDecimals);
            realized = (closedSigned * price) - removedBasis;
            CostBasis -= removedBasis;
            Quantity -= closedSigned;
            remaining += closedSigned;
        }

        if (remaining != 0m)
        {
            Quantity += remaining;
            CostBasis += remaining * price;
        }

        RealizedPnl += realized;
        return realized;
    }
}
