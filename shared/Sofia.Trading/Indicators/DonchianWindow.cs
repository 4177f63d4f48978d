namespace Sofia.Trading.Indicators;

/// <summary>Which bars a Donchian channel spans.</summary>
public enum DonchianWindow
{
    /// <summary>
    /// The N bars before the current one, so a close can break out of the channel; the first value comes on
    /// bar N + 1. Stock.Indicators' convention (the default).
    /// </summary>
    PrecedingBars = 0,

    /// <summary>The last N bars including the current one; the first value comes on bar N. LEAN's convention.</summary>
    IncludingCurrentBar = 1,
}
