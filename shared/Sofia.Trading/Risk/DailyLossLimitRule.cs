using System.Globalization;

namespace Sofia.Trading.Risk;

/// <summary>
/// Halts new exposure for the rest of the UTC day once the day's worst equity has fallen more than the limit below
/// the equity at the start of the day (<see cref="RiskState.DailyLoss"/>). Reduce-only orders pass.
/// </summary>
public sealed class DailyLossLimitRule : IRiskRule
{
    /// <summary>Creates the rule; 0.03 halts after a 3 % loss on the day.</summary>
    public DailyLossLimitRule(decimal maxLossFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLossFraction);
        MaxLossFraction = maxLossFraction;
    }

    /// <summary>Largest tolerated daily loss as a fraction of the day's starting equity.</summary>
    public decimal MaxLossFraction { get; }

    /// <inheritdoc/>
    public string Code => RiskReasonCodes.DailyLossLimit;

    /// <inheritdoc/>
    public RiskDecision Check(in RiskContext context)
    {
        var loss = context.State.DailyLoss;
        return context.IsReduceOnly || loss <= MaxLossFraction
            ? RiskDecision.Allow
            : RiskDecision.Reject(Code, string.Create(
                CultureInfo.InvariantCulture,
                $"Today's loss reached {loss:P2} of the day's starting equity, above the {MaxLossFraction:P2} limit."));
    }
}
