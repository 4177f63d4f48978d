namespace Sofia.Trading.Risk;

/// <summary>Rejects every order that adds exposure while <see cref="RiskState.KillSwitchEngaged"/>; reduce-only orders pass so the book can be flattened.</summary>
public sealed class KillSwitchRule : IRiskRule
{
    /// <inheritdoc/>
    public string Code => RiskReasonCodes.KillSwitch;

    /// <inheritdoc/>
    public RiskDecision Check(in RiskContext context) =>
        context.IsReduceOnly || !context.State.KillSwitchEngaged
            ? RiskDecision.Allow
            : RiskDecision.Reject(Code, "Kill switch engaged: " + context.State.KillSwitchReason);
}
