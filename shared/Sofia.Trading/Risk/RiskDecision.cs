namespace Sofia.Trading.Risk;

/// <summary>The result of a risk check: allowed, or rejected with a code from <see cref="RiskReasonCodes"/> and a sentence.</summary>
/// <param name="IsAllowed">True when the order may be sent.</param>
/// <param name="Code">Machine-readable reason; <see cref="RiskReasonCodes.Allowed"/> when allowed.</param>
/// <param name="Reason">Human-readable reason; empty when allowed.</param>
public readonly record struct RiskDecision(bool IsAllowed, string Code, string Reason)
{
    /// <summary>The shared allowed result (no allocation).</summary>
    public static RiskDecision Allow { get; } = new(true, RiskReasonCodes.Allowed, string.Empty);

    /// <summary>A rejection with <paramref name="code"/> and <paramref name="reason"/>.</summary>
    public static RiskDecision Reject(string code, string reason) => new(false, code, reason);
}
