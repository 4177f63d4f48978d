namespace Sofia.Trading.Indicators;

/// <summary>Which standard deviation a rolling statistic uses.</summary>
public enum DeviationKind
{
    /// <summary>Divide by N: the window is the whole population (Bollinger Bands in Stock.Indicators and LEAN).</summary>
    Population = 0,

    /// <summary>Divide by N − 1: the window is a sample of a larger process.</summary>
    Sample = 1,
}
