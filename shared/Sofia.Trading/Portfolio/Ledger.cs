using Sofia.Trading.Execution;

namespace Sofia.Trading.Portfolio;

/// <summary>
/// Exact decimal book of one strategy (or of the whole account): cash, positions, realized and unrealized PnL, fees.
/// Conventions: a buy pays <c>quantity · price + fee</c>, a sell receives <c>quantity · price − fee</c>;
/// <see cref="RealizedPnl"/> and <see cref="UnrealizedPnl"/> are price PnL excluding fees, which are in
/// <see cref="FeesPaid"/>. So at every step <c>Equity = Cash + Σ quantity · mark = Deposits + RealizedPnl +
/// UnrealizedPnl − FeesPaid</c>, exactly.
/// </summary>
public sealed class Ledger : IAccountView
{
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);

    /// <summary>Creates a ledger holding <paramref name="startingCash"/>.</summary>
    public Ledger(string name, decimal startingCash = 0m)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Deposit(startingCash);
    }

    /// <summary>Strategy name (or the account's name for a combined ledger).</summary>
    public string Name { get; }

    /// <summary>Net cash paid in (starting cash plus deposits minus withdrawals).</summary>
    public decimal Deposits { get; private set; }

    /// <summary>Cash balance in quote currency.</summary>
    public decimal Cash { get; private set; }

    /// <summary>Price PnL booked on closed quantity, fees excluded.</summary>
    public decimal RealizedPnl { get; private set; }

    /// <summary>Total fees paid.</summary>
    public decimal FeesPaid { get; private set; }

    /// <summary>Number of fills applied.</summary>
    public long FillCount { get; private set; }

    /// <summary>Positions ever touched, including flat ones that keep their realized PnL and mark.</summary>
    public IReadOnlyCollection<Position> Positions => _positions.Values;

    /// <summary>Sum of the positions' unrealized PnL at their marks.</summary>
    public decimal UnrealizedPnl
    {
        get
        {
            var sum = 0m;
            foreach (var position in _positions.Values)
            {
                sum += position.UnrealizedPnl;
            }

            return sum;
        }
    }

    /// <summary>Sum of the positions' signed market values.</summary>
    public decimal NetExposure
    {
        get
        {
            var sum = 0m;
            foreach (var position in _positions.Values)
            {
                sum += position.MarketValue;
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public decimal GrossExposure
    {
        get
        {
            var sum = 0m;
            foreach (var position in _positions.Values)
            {
                sum += Math.Abs(position.MarketValue);
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public decimal Equity => Cash + NetExposure;

    /// <summary>Adds cash (negative withdraws it).</summary>
    public void Deposit(decimal amount)
    {
        Deposits += amount;
        Cash += amount;
    }

    /// <summary>Books a fill: cash, position, realized PnL and fees.</summary>
    public void Apply(in Fill fill)
    {
        var position = GetOrAdd(fill.Symbol);
        var signed = fill.SignedQuantity;
        Cash -= (signed * fill.Price) + fill.Fee;
        FeesPaid += fill.Fee;
        RealizedPnl += position.Apply(signed, fill.Price, fill.Fee);
        FillCount++;
    }

    /// <summary>Marks <paramref name="symbol"/> to <paramref name="price"/> for unrealized PnL and equity.</summary>
    public void Mark(string symbol, decimal price) => GetOrAdd(symbol).Mark(price);

    /// <summary>The position in <paramref name="symbol"/>, or null when the ledger never touched it.</summary>
    public Position? Find(string symbol) => _positions.GetValueOrDefault(symbol);

    /// <inheritdoc/>
    public decimal PositionQuantity(string symbol) =>
        _positions.TryGetValue(symbol, out var position) ? position.Quantity : 0m;

    private Position GetOrAdd(string symbol)
    {
        if (!_positions.TryGetValue(symbol, out var position))
        {
            position = new Position(symbol);
            _positions.Add(symbol, position);
        }

        return position;
    }
}
