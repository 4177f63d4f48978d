using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;

namespace Sofia.Trading.Risk;

/// <summary>A proposed order seen against the account, as every <see cref="IRiskRule"/> receives it.</summary>
public readonly struct RiskContext
{
    /// <summary>Creates the context; <paramref name="price"/> values the order (its limit, or the last price).</summary>
    public RiskContext(in Order order, decimal price, IAccountView account, RiskState state)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(state);
        Order = order;
        Price = price;
        Account = account;
        State = state;
        CurrentQuantity = account.PositionQuantity(order.Symbol);
        ProjectedQuantity = CurrentQuantity + order.SignedQuantity;
        IsReduceOnly = CurrentQuantity != 0m
            && (ProjectedQuantity == 0m || Math.Sign(ProjectedQuantity) == Math.Sign(CurrentQuantity))
            && Math.Abs(ProjectedQuantity) < Math.Abs(CurrentQuantity);
    }

    /// <summary>The proposed order.</summary>
    public Order Order { get; }

    /// <summary>Price used to value the order and the position.</summary>
    public decimal Price { get; }

    /// <summary>The ledger or account the order trades for.</summary>
    public IAccountView Account { get; }

    /// <summary>Equity history and the kill switch.</summary>
    public RiskState State { get; }

    /// <summary>Signed position in the order's symbol before the order.</summary>
    public decimal CurrentQuantity { get; }

    /// <summary>Signed position if the order fills completely.</summary>
    public decimal ProjectedQuantity { get; }

    /// <summary>True when the order only shrinks the position without flipping it; such orders pass every rule.</summary>
    public bool IsReduceOnly { get; }
}
