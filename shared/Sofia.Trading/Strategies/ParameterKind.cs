namespace Sofia.Trading.Strategies;

/// <summary>How an optimizer samples a parameter.</summary>
public enum ParameterKind
{
    /// <summary>Whole numbers from min to max in steps.</summary>
    Whole = 0,

    /// <summary>Real numbers, uniform between min and max (or on a step grid when the step is positive).</summary>
    Real = 1,

    /// <summary>Positive real numbers, uniform in log space between min and max.</summary>
    LogReal = 2,

    /// <summary>One of a fixed list of choices; the value is the choice's index.</summary>
    Categorical = 3,
}
