namespace Sofia.Trading.Indicators;

/// <summary>
/// The shape every streaming indicator shares: feed bars with <see cref="Update(in Bar)"/>, read
/// <see cref="Value"/> once <see cref="IsReady"/>. Outputs read <see cref="double.NaN"/> until they have
/// enough data, so a multi-output indicator can publish an early output (a MACD line) before a later
/// one (its signal line). Inputs must be finite.
/// </summary>
public interface IIndicator
{
    /// <summary>True once every output has a value; the first time after <see cref="WarmUpPeriod"/> updates.</summary>
    bool IsReady { get; }

    /// <summary>The number of updates (bars or values) needed before <see cref="IsReady"/> becomes true.</summary>
    int WarmUpPeriod { get; }

    /// <summary>Updates since construction or the last <see cref="Reset"/>.</summary>
    int Samples { get; }

    /// <summary>The primary output; <see cref="double.NaN"/> until it has enough data.</summary>
    double Value { get; }

    /// <summary>Feeds one bar (value indicators take its close) and returns <see cref="IsReady"/>.</summary>
    bool Update(in Bar bar);

    /// <summary>Returns the indicator to its freshly constructed state.</summary>
    void Reset();
}
