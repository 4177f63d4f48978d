namespace Sofia.Trading.Indicators;

/// <summary>Where on-balance volume starts.</summary>
public enum ObvStart
{
    /// <summary>OBV is 0 on the first bar and ready at once. Stock.Indicators' convention (the default).</summary>
    Zero = 0,

    /// <summary>OBV starts at the first bar's volume and is ready from the second bar. LEAN's convention.</summary>
    FirstBarVolume = 1,
}
