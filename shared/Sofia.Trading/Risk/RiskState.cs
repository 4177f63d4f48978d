namespace Sofia.Trading.Risk;

/// <summary>
/// What the risk rules remember between checks: the equity at the start of the UTC day and the day's low, the equity
/// peak and the deepest drawdown since the last reset, and the kill switch. Losses are latched: the daily loss counts
/// the day's lowest equity (cleared when a new UTC day starts) and the drawdown its deepest point (cleared only by
/// <see cref="ResetDrawdown"/>), so a halt does not lift by itself when equity bounces.
/// </summary>
public sealed class RiskState
{
    private const long MicrosecondsPerDay = 86_400_000_000;
    private bool _initialized;
    private volatile bool _killSwitch;
    private volatile string _killReason = string.Empty;

    /// <summary>Current UTC day, as days since the epoch.</summary>
    public long Day { get; private set; }

    /// <summary>Equity at the start of <see cref="Day"/> (the last equity seen on the previous day).</summary>
    public decimal DayStartEquity { get; private set; }

    /// <summary>Lowest equity seen during <see cref="Day"/>.</summary>
    public decimal DayLowEquity { get; private set; }

    /// <summary>Last equity observed.</summary>
    public decimal LastEquity { get; private set; }

    /// <summary>Highest equity since the start or the last <see cref="ResetDrawdown"/>.</summary>
    public decimal PeakEquity { get; private set; }

    /// <summary>Deepest drawdown since the start or the last reset, as a positive fraction of the peak.</summary>
    public decimal MaxDrawdown { get; private set; }

    /// <summary>Worst loss of the current UTC day as a positive fraction of <see cref="DayStartEquity"/>.</summary>
    public decimal DailyLoss =>
        DayStartEquity > 0m && DayLowEquity < DayStartEquity ? (DayStartEquity - DayLowEquity) / DayStartEquity : 0m;

    /// <summary>True while the kill switch is engaged.</summary>
    public bool KillSwitchEngaged => _killSwitch;

    /// <summary>Why the kill switch was engaged.</summary>
    public string KillSwitchReason => _killReason;

    /// <summary>Records equity at <paramref name="timeUs"/> (UTC epoch µs); called by every check and on every mark.</summary>
    public void Observe(long timeUs, decimal equity)
    {
        var day = timeUs >= 0 ? timeUs / MicrosecondsPerDay : ((timeUs + 1) / MicrosecondsPerDay) - 1;
        if (!_initialized)
        {
            _initialized = true;
            Day = day;
            DayStartEquity = equity;
            DayLowEquity = equity;
            PeakEquity = equity;
        }
        else if (day > Day)
        {
            Day = day;
            DayStartEquity = LastEquity;
            DayLowEquity = LastEquity;
        }

        LastEquity = equity;
        DayLowEquity = Math.Min(DayLowEquity, equity);
        PeakEquity = Math.Max(PeakEquity, equity);
        if (PeakEquity > 0m && equity < PeakEquity)
        {
            MaxDrawdown = Math.Max(MaxDrawdown, (PeakEquity - equity) / PeakEquity);
        }
    }

    /// <summary>Clears a drawdown halt: the peak restarts at the last equity.</summary>
    public void ResetDrawdown()
    {
        PeakEquity = LastEquity;
        MaxDrawdown = 0m;
    }

    /// <summary>Engages the kill switch; safe to call from any thread.</summary>
    public void EngageKillSwitch(string reason)
    {
        _killReason = reason;
        _killSwitch = true;
    }

    /// <summary>Releases the kill switch.</summary>
    public void ReleaseKillSwitch()
    {
        _killSwitch = false;
        _killReason = string.Empty;
    }
}
