using System.Globalization;

namespace Sofia.Trading.Risk;

/// <summary>
/// Rejects an order when gross exposure after it (other positions at their marks, this symbol at the order price)
/// would exceed the limit times equity, or when equity is not positive. Reduce-only orders pass.
/// </summary>
public sealed class MaxGrossLeverageRule : IRiskRule
{
    /// <summary>Creates the rule; 3 means gross exposure up to three times equity.</summary>
    public MaxGrossLeverageRule(decimal maxLeverage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLeverage);
        MaxLeverage = maxLeverage;
    }

    /// <summary>Largest gross exposure / equity.</summary>
    public decimal MaxLeverage { get; }

    /// <inheritdoc/>
    public string Code => RiskReasonCodes.MaxGrossLeverage;

    /// <inheritdoc/>
    public RiskDecision Check(in RiskContext context)
    {
        if (context.IsReduceOnly)
        {
            return RiskDecision.Allow;
        }

        var account = context.Account;
        var equity = account.Equity;
        var current = Math.Abs(context.CurrentQuantity) * context.Price;
        var projected = Math.Abs(context.ProjectedQuantity) * context.Price;
        var gross = account.GrossExposure - current + projected;
        if (equity > 0m && gross <= MaxLeverage * equity)
        {
            return RiskDecision.Allow;
        }

        var reason = equity > 0m
            ? string.Create(CultureInfo.InvariantCulture, $"Gross leverage would be {gross / equity:0.####}, above the {MaxLeverage:0.####} limit.")
            : string.Create(CultureInfo.InvariantCulture, $"Equity is {equity:0.##}; no new exposure is allowed.");
        return RiskDecision.Reject(Code, reason);
    }
}
