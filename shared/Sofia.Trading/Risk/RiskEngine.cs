using Sofia.Trading.Execution;
using Sofia.Trading.Portfolio;

namespace Sofia.Trading.Risk;

/// <summary>
/// Checks proposed orders against one account (a strategy ledger or the combined account) with an ordered set of
/// rules; the first rejection wins. Each check first records the account's equity in <see cref="State"/>. The kill
/// switch is always the first rule. No allocation on the allowed path.
/// </summary>
public sealed class RiskEngine
{
    private readonly IRiskRule[] _rules;

    /// <summary>Creates an engine with the kill switch followed by <paramref name="rules"/>.</summary>
    public RiskEngine(IEnumerable<IRiskRule> rules, RiskState? state = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [new KillSwitchRule(), .. rules];
        State = state ?? new RiskState();
    }

    /// <summary>Equity history and the kill switch shared by the rules.</summary>
    public RiskState State { get; }

    /// <summary>The rules in evaluation order.</summary>
    public IReadOnlyList<IRiskRule> Rules => _rules;

    /// <summary>An engine with the standard rules for the non-zero <paramref name="limits"/>.</summary>
    public static RiskEngine Create(RiskLimits limits, RiskState? state = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var rules = new List<IRiskRule>();
        if (limits.DailyLossLimit > 0m)
        {
            rules.Add(new DailyLossLimitRule(limits.DailyLossLimit));
        }

        if (limits.MaxDrawdown > 0m)
        {
            rules.Add(new MaxDrawdownRule(limits.MaxDrawdown));
        }

        if (limits.MaxPositionUsd > 0m || limits.MaxPositionUsdBySymbol is { Count: > 0 })
        {
            rules.Add(new MaxPositionNotionalRule(
                limits.MaxPositionUsd > 0m ? limits.MaxPositionUsd : decimal.MaxValue,
                limits.MaxPositionUsdBySymbol));
        }

        if (limits.MaxGrossLeverage > 0m)
        {
            rules.Add(new MaxGrossLeverageRule(limits.MaxGrossLeverage));
        }

        return new RiskEngine(rules, state);
    }

    /// <summary>Records the account's equity at <paramref name="timeUs"/> (call on every mark so halts see intrabar lows).</summary>
    public void Observe(IAccountView account, long timeUs)
    {
        ArgumentNullException.ThrowIfNull(account);
        State.Observe(timeUs, account.Equity);
    }

    /// <summary>
    /// Checks <paramref name="order"/> valued at <paramref name="price"/> (its limit or the last trade) against
    /// <paramref name="account"/> at <paramref name="timeUs"/> (UTC epoch µs).
    /// </summary>
    public RiskDecision Check(in Order order, decimal price, IAccountView account, long timeUs)
    {
        Observe(account, timeUs);
        var context = new RiskContext(order, price, account, State);
        foreach (var rule in _rules)
        {
            var decision = rule.Check(context);
            if (!decision.IsAllowed)
            {
                return decision;
            }
        }

        return RiskDecision.Allow;
    }
}
