namespace Sofia.Trading.Risk;

/// <summary>Machine-readable codes carried by <see cref="RiskDecision.Code"/>; stable, used in metrics and APIs.</summary>
public static class RiskReasonCodes
{
    /// <summary>The order passed every rule.</summary>
    public const string Allowed = "ok";

    /// <summary>The position notional in the symbol would exceed its limit.</summary>
    public const string MaxPositionUsd = "max_position_usd";

    /// <summary>Gross exposure / equity would exceed the limit.</summary>
    public const string MaxGrossLeverage = "max_gross_leverage";

    /// <summary>Today's (UTC) loss has exceeded its limit.</summary>
    public const string DailyLossLimit = "daily_loss_limit";

    /// <summary>The drawdown from the equity peak has exceeded its limit.</summary>
    public const string MaxDrawdown = "max_drawdown";

    /// <summary>The kill switch is engaged.</summary>
    public const string KillSwitch = "kill_switch";
}
