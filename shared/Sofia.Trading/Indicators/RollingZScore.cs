namespace Sofia.Trading.Indicators;

/// <summary>
/// Z-score of the newest value against the last <c>period</c> values including itself:
/// (x − mean) / standard deviation (population by default, matching Bollinger's %z). A window with zero
/// deviation reads 0 (the value equals the mean).
/// </summary>
public sealed class RollingZScore : ISeriesIndicator
{
    private readonly RollingMoments _moments;

    /// <summary>Creates a rolling z-score over <paramref name="period"/> values.</summary>
    public RollingZScore(int period, DeviationKind kind = DeviationKind.Population)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        _moments = new RollingMoments(period);
        Kind = kind;
    }

    /// <summary>Number of values in the window.</summary>
    public int Period => _moments.Period;

    /// <summary>Population or sample deviation.</summary>
    public DeviationKind Kind { get; }

    /// <inheritdoc/>
    public bool IsReady => _moments.IsFull;

    /// <inheritdoc/>
    public int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public bool Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool Update(double value)
    {
        Samples++;
        _moments.Add(value);
        if (_moments.IsFull)
        {
            var deviation = Math.Sqrt(_moments.Variance(Kind));
            Value = deviation > 0 ? (value - _moments.Mean) / deviation : 0;
        }

        return _moments.IsFull;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _moments.Reset();
        Samples = 0;
        Value = double.NaN;
    }
}
