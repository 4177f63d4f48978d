namespace Sofia.Trading.Data;

/// <summary>The rules a bar series must keep.</summary>
public enum SanityRule
{
    /// <summary>A price or the volume is NaN or infinite. Relaxed: the row is dropped.</summary>
    NonFinite = 0,

    /// <summary>A price is zero or negative. Relaxed: the row is dropped.</summary>
    NonPositivePrice = 1,

    /// <summary>The volume is negative. Relaxed: the row is dropped.</summary>
    NegativeVolume = 2,

    /// <summary>High is below low. Relaxed: high and low are clamped to include open and close.</summary>
    HighBelowLow = 3,

    /// <summary>High is below the open or the close. Relaxed: high is raised to max(open, close).</summary>
    HighBelowOpenOrClose = 4,

    /// <summary>Low is above the open or the close. Relaxed: low is lowered to min(open, close).</summary>
    LowAboveOpenOrClose = 5,

    /// <summary>The open time repeats an earlier row's. Relaxed: the later row is dropped.</summary>
    DuplicateTimestamp = 6,

    /// <summary>The open time is before the previous row's. Relaxed: the series is sorted by open time.</summary>
    UnsortedTimestamp = 7,
}
