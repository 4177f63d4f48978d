using Sofia.Contracts.V1;

namespace Sofia.EndToEndTests.Harness;

/// <summary>
/// The paper account recomputed from nothing but the fills read back from the FILLS stream and the books the signals
/// opened (each book starts with the same cash): cash, fees and positions as exact decimals.
/// </summary>
internal sealed class RecomputedAccount
{
    private RecomputedAccount(
        decimal cash,
        decimal fees,
        int fills,
        IReadOnlyDictionary<string, decimal> cashByStrategy,
        IReadOnlyDictionary<(string Strategy, string Exchange, string Symbol), decimal> positions)
    {
        Cash = cash;
        Fees = fees;
        Fills = fills;
        CashByStrategy = cashByStrategy;
        Positions = positions;
    }

    /// <summary>Combined cash: deposits − Σ signed quantity × price − Σ fee.</summary>
    public decimal Cash { get; }

    public decimal Fees { get; }

    public int Fills { get; }

    public IReadOnlyDictionary<string, decimal> CashByStrategy { get; }

    /// <summary>Net quantity per book, books with no position left out.</summary>
    public IReadOnlyDictionary<(string Strategy, string Exchange, string Symbol), decimal> Positions { get; }

    public static RecomputedAccount From(
        IEnumerable<Fill> fills, IReadOnlyCollection<(string Strategy, string Exchange, string Symbol)> books, decimal startingCashPerBook)
    {
        var cashByStrategy = books.GroupBy(b => b.Strategy, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() * startingCashPerBook, StringComparer.Ordinal);
        var positions = new Dictionary<(string, string, string), decimal>();
        var fees = 0m;
        var count = 0;
        foreach (var fill in fills)
        {
            var quantity = fill.Quantity.ToDecimal();
            var signed = fill.Side == Side.Sell ? -quantity : quantity;
            var fee = fill.Fee.ToDecimal();
            var key = (fill.Strategy, fill.Exchange, fill.Symbol);
            positions[key] = positions.GetValueOrDefault(key) + signed;
            cashByStrategy[fill.Strategy] = cashByStrategy.GetValueOrDefault(fill.Strategy) - (signed * fill.Price.ToDecimal()) - fee;
            fees += fee;
            count++;
        }

        return new RecomputedAccount(
            cashByStrategy.Values.Sum(),
            fees,
            count,
            cashByStrategy,
            positions.Where(p => p.Value != 0m).ToDictionary(p => p.Key, p => p.Value));
    }
}
