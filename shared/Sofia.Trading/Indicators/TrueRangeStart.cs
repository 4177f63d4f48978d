namespace Sofia.Trading.Indicators;

/// <summary>How the true range treats the first bar, which has no previous close.</summary>
public enum TrueRangeStart
{
    /// <summary>
    /// The first bar has no true range; the first value comes from the second bar and an ATR(N) seeds on the
    /// mean of TR[1..N]. Stock.Indicators' convention (the default).
    /// </summary>
    FromSecondBar = 0,

    /// <summary>The first bar's true range is its high − low; an ATR(N) seeds on TR[0..N−1]. LEAN's convention.</summary>
    FirstBarHighLow = 1,
}
