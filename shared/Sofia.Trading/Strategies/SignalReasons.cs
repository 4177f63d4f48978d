namespace Sofia.Trading.Strategies;

/// <summary>The reason texts strategies attach to signals; constants so that signalling never allocates.</summary>
public static class SignalReasons
{
    /// <summary>Indicators are not ready yet.</summary>
    public const string WarmUp = "warmup";

    /// <summary>Nothing changed; the previous target holds.</summary>
    public const string Hold = "hold";

    /// <summary>Fast average crossed above the slow one.</summary>
    public const string CrossUp = "cross_up";

    /// <summary>Fast average crossed below the slow one.</summary>
    public const string CrossDown = "cross_down";

    /// <summary>A cross was ignored because the regime filter disagreed.</summary>
    public const string RegimeFilter = "regime_filter";

    /// <summary>The fixed ATR stop was hit.</summary>
    public const string AtrStop = "atr_stop";

    /// <summary>The trailing stop was hit.</summary>
    public const string TrailingStop = "trailing_stop";

    /// <summary>Close broke above the channel.</summary>
    public const string BreakoutUp = "breakout_up";

    /// <summary>Close broke below the channel.</summary>
    public const string BreakoutDown = "breakout_down";

    /// <summary>Close crossed the exit channel.</summary>
    public const string ChannelExit = "channel_exit";

    /// <summary>SuperTrend is up.</summary>
    public const string TrendUp = "supertrend_up";

    /// <summary>SuperTrend is down.</summary>
    public const string TrendDown = "supertrend_down";

    /// <summary>Close below the lower band (or oscillator oversold): buy the dip.</summary>
    public const string Oversold = "oversold";

    /// <summary>Close above the upper band (or oscillator overbought): sell the rip.</summary>
    public const string Overbought = "overbought";

    /// <summary>Price or oscillator returned to its mean.</summary>
    public const string MeanReached = "mean_reached";

    /// <summary>Grid below its reference: inventory wanted.</summary>
    public const string GridBelow = "grid_below_reference";

    /// <summary>Grid above its reference: inventory to shed.</summary>
    public const string GridAbove = "grid_above_reference";

    /// <summary>Grid at its reference.</summary>
    public const string GridCentered = "grid_centered";

    /// <summary>Spread z-score high: short the spread.</summary>
    public const string SpreadHigh = "spread_high";

    /// <summary>Spread z-score low: long the spread.</summary>
    public const string SpreadLow = "spread_low";

    /// <summary>Spread back near its mean.</summary>
    public const string SpreadExit = "spread_exit";

    /// <summary>The pair is not cointegrated at the chosen level.</summary>
    public const string NotCointegrated = "not_cointegrated";

    /// <summary>Weighted vote of several strategies.</summary>
    public const string Vote = "weighted_vote";

    /// <summary>The weighted vote was weaker than the threshold.</summary>
    public const string VoteBelowThreshold = "vote_below_threshold";
}
