using System.Globalization;

namespace Sofia.Trading.Risk;

/// <summary>
/// Halts new exposure once the drawdown from the equity peak has exceeded the limit
/// (<see cref="RiskState.MaxDrawdown"/>, latched until <see cref="RiskState.ResetDrawdown"/>). Reduce-only orders pass.
/// </summary>
public sealed class MaxDrawdownRule : IRiskRule
{
    /// <summary>Creates the rule; 0.2 halts after a 20 % drawdown.</summary>
    public MaxDrawdownRule(decimal maxDrawdownFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDrawdownFraction);
        MaxDrawdownFraction = maxDrawdownFraction;
    }

    /// <summary>Largest tolerated drawdown as a fraction of the peak.</summary>
    public decimal MaxDrawdownFraction { get; }

    /// <inheritdoc/>
    public string Code => RiskReasonCodes.MaxDrawdown;

    /// <inheritdoc/>
    public RiskDecision Check(in RiskContext context)
    {
        var drawdown = context.State.MaxDrawdown;
        return context.IsReduceOnly || drawdown <= MaxDrawdownFraction
            ? RiskDecision.Allow
            : RiskDecision.Reject(Code, string.Create(
                CultureInfo.InvariantCulture,
                $"Drawdown reached {drawdown:P2} of peak equity, above the {MaxDrawdownFraction:P2} limit; trading is halted until reset."));
    }
}
