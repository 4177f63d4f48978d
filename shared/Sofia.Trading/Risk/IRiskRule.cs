namespace Sofia.Trading.Risk;

/// <summary>One pre-trade risk rule. It must not allocate when it allows an order.</summary>
public interface IRiskRule
{
    /// <summary>The reason code this rule rejects with (see <see cref="RiskReasonCodes"/>).</summary>
    string Code { get; }

    /// <summary>Allows or rejects the order in <paramref name="context"/>.</summary>
    RiskDecision Check(in RiskContext context);
}
