using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;
using Sofia.Trading.Risk;

namespace Sofia.Trading.Tests.Risk;

/// <summary>An account, its risk state and a proposed order, ready for one rule check.</summary>
public sealed record RiskScenario(Ledger Account, RiskState State, Order Order, decimal Price)
{
    public const string Symbol = "BTC-USDT";
    public const long Noon = 12 * 3_600_000_000L;

    public static Order Buy(decimal quantity) => Order.Market(1, "trend", Symbol, OrderSide.Buy, quantity, Noon);

    public static Order Sell(decimal quantity) => Order.Market(1, "trend", Symbol, OrderSide.Sell, quantity, Noon);

    /// <summary>A ledger with <paramref name="cash"/> and, optionally, a long position bought at 100 and marked at <paramref name="mark"/>.</summary>
    public static Ledger Book(decimal cash, decimal longQuantity = 0m, decimal mark = 100m)
    {
        var ledger = new Ledger("trend", cash);
        if (longQuantity != 0m)
        {
            ledger.Apply(new Fill(1, "trend", Symbol, OrderSide.Buy, longQuantity, 100m, 0m, Liquidity.Taker, 0, 0m));
        }

        ledger.Mark(Symbol, mark);
        return ledger;
    }

    /// <summary>The check as <see cref="RiskEngine.Check"/> runs it: observe equity, then ask the rule.</summary>
    public RiskDecision CheckWith(IRiskRule rule)
    {
        State.Observe(Noon, Account.Equity);
        return rule.Check(new RiskContext(Order, Price, Account, State));
    }
}
