namespace Sofia.PaperOms.Domain;

/// <summary>
/// The K-factor ramp of one book, stepped at every bar close with the book's equity: a full stage duration without
/// crossing a gate moves it up a stage; crossing the drawdown or loss gate moves it down one (the lowest stage stays,
/// with its clock restarted). Every change restarts the stage's clock, start equity and peak.
/// </summary>
internal sealed class KFactorRamp(KFactorRampSettings settings)
{
    public const string Promoted = "promoted";
    public const string GateDrawdown = "gate_drawdown";
    public const string GateLoss = "gate_loss";

    public int Stage { get; private set; }

    public decimal Factor => settings.Stages[Stage];

    public long StageStartUs { get; private set; }

    public decimal StageStartEquity { get; private set; }

    public decimal StagePeakEquity { get; private set; }

    public bool Started { get; private set; }

    /// <summary>Observes the equity at a bar close; returns the reason when the stage changed, else null.</summary>
    public string? Step(long timeUs, decimal equity)
    {
        if (!Started)
        {
            Restart(timeUs, equity);
            return null;
        }

        StagePeakEquity = Math.Max(StagePeakEquity, equity);
        string? change = null;
        if (settings.GateDrawdown > 0m && StagePeakEquity > 0m && (StagePeakEquity - equity) / StagePeakEquity > settings.GateDrawdown)
        {
            change = GateDrawdown;
        }
        else if (settings.GateLoss > 0m && StageStartEquity > 0m && (StageStartEquity - equity) / StageStartEquity > settings.GateLoss)
        {
            change = GateLoss;
        }

        if (change is not null)
        {
            Stage = Math.Max(0, Stage - 1);
        }
        else if (timeUs - StageStartUs >= settings.StageDurationUs && Stage < settings.Stages.Count - 1)
        {
            Stage++;
            change = Promoted;
        }

        if (change is not null)
        {
            Restart(timeUs, equity);
        }

        return change;
    }

    /// <summary>Sets the state recorded in a checkpoint (rebuild).</summary>
    public void Restore(int stage, long stageStartUs, decimal stageStartEquity, decimal stagePeakEquity)
    {
        Stage = Math.Clamp(stage, 0, settings.Stages.Count - 1);
        StageStartUs = stageStartUs;
        StageStartEquity = stageStartEquity;
        StagePeakEquity = stagePeakEquity;
        Started = true;
    }

    private void Restart(long timeUs, decimal equity)
    {
        Started = true;
        StageStartUs = timeUs;
        StageStartEquity = equity;
        StagePeakEquity = equity;
    }
}
