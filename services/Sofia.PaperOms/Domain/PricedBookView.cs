using Sofia.Trading.Portfolio;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// A book's ledger valued at one price (the tick an order fills at), so sizing and risk see the same equity whatever
/// tick arrived last.
/// </summary>
internal sealed class PricedBookView(Ledger ledger, string market) : IAccountView
{
    public decimal Price { get; set; }

    public decimal Equity => ledger.Cash + (ledger.PositionQuantity(market) * Price);

    public decimal GrossExposure => Math.Abs(ledger.PositionQuantity(market) * Price);

    public decimal PositionQuantity(string symbol) => ledger.PositionQuantity(symbol);
}
