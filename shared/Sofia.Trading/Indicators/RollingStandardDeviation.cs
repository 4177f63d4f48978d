namespace Sofia.Trading.Indicators;

/// <summary>Standard deviation of the last <c>period</c> values (population by default), O(1) per update.</summary>
public sealed class RollingStandardDeviation : ISeriesIndicator
{
    private readonly RollingMoments _moments;

    /// <summary>Creates a rolling standard deviation over <paramref name="period"/> values.</summary>
    public RollingStandardDeviation(int period, DeviationKind kind = DeviationKind.Population)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, kind == DeviationKind.Sample ? 2 : 1);
        _moments = new RollingMoments(period);
        Kind = kind;
    }

    /// <summary>Number of values in the window.</summary>
    public int Period => _moments.Period;

    /// <summary>Population or sample deviation.</summary>
    public DeviationKind Kind { get; }

    /// <summary>Mean of the window; NaN until ready.</summary>
    public double Mean { get; private set; } = double.NaN;

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
            Mean = _moments.Mean;
            Value = Math.Sqrt(_moments.Variance(Kind));
        }

        return _moments.IsFull;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _moments.Reset();
        Samples = 0;
        Mean = double.NaN;
        Value = double.NaN;
    }
}
