using Sofia.Trading.Execution;

namespace Sofia.Trading.Portfolio;

/// <summary>
/// One ledger per strategy for attribution plus a <see cref="Combined"/> ledger that books every fill, i.e. the
/// netted account an exchange would see. Cash, fees and equity of the combined view equal the sums over strategies;
/// its realized PnL can differ from the strategies' sum because netting closes positions that strategies keep open
/// (realized + unrealized agree). All ledgers share one mark per symbol: the first fill in a symbol marks every
/// ledger at its price until <see cref="Mark"/> is called.
/// </summary>
public sealed class Account : IAccountView
{
    private readonly Dictionary<string, Ledger> _strategies = new(StringComparer.Ordinal);

    /// <summary>Creates an empty account; add strategies with <see cref="AddStrategy"/>.</summary>
    public Account(string name = "account") => Combined = new Ledger(name);

    /// <summary>The netted view of all strategies.</summary>
    public Ledger Combined { get; }

    /// <summary>Every strategy ledger.</summary>
    public IReadOnlyCollection<Ledger> Strategies => _strategies.Values;

    /// <inheritdoc/>
    public decimal Equity => Combined.Equity;

    /// <inheritdoc/>
    public decimal GrossExposure => Combined.GrossExposure;

    /// <summary>Adds a strategy with its own starting cash (also credited to the combined view).</summary>
    public Ledger AddStrategy(string strategy, decimal startingCash)
    {
        var ledger = new Ledger(strategy, startingCash);
        if (!_strategies.TryAdd(strategy, ledger))
        {
            throw new ArgumentException($"Strategy '{strategy}' already has a ledger.", nameof(strategy));
        }

        foreach (var position in Combined.Positions)
        {
            if (position.HasMark)
            {
                ledger.Mark(position.Symbol, position.MarkPrice);
            }
        }

        Combined.Deposit(startingCash);
        return ledger;
    }

    /// <summary>The ledger of <paramref name="strategy"/>; throws when it was never added.</summary>
    public Ledger Strategy(string strategy) =>
        _strategies.TryGetValue(strategy, out var ledger)
            ? ledger
            : throw new KeyNotFoundException($"Strategy '{strategy}' has no ledger.");

    /// <summary>Books a fill to its strategy's ledger and to the combined view.</summary>
    public void Apply(in Fill fill)
    {
        if (Combined.Find(fill.Symbol) is not { HasMark: true })
        {
            // The first fill marks every ledger at once, so the combined view and the strategies always agree.
            Mark(fill.Symbol, fill.Price);
        }

        Strategy(fill.Strategy).Apply(fill);
        Combined.Apply(fill);
    }

    /// <summary>Marks <paramref name="symbol"/> in every ledger.</summary>
    public void Mark(string symbol, decimal price)
    {
        foreach (var ledger in _strategies.Values)
        {
            ledger.Mark(symbol, price);
        }

        Combined.Mark(symbol, price);
    }

    /// <inheritdoc/>
    public decimal PositionQuantity(string symbol) => Combined.PositionQuantity(symbol);
}
