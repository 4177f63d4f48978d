namespace Sofia.PaperOms.Domain;

/// <summary>The kill switch as stored in the control bucket (JSON).</summary>
/// <param name="Enabled">True while engaged.</param>
/// <param name="Reason">Why it was engaged or released.</param>
/// <param name="By">Who set it: <c>api</c> or <c>daily_loss_limit</c>.</param>
internal sealed record KillSwitchState(bool Enabled, string Reason, string By);
