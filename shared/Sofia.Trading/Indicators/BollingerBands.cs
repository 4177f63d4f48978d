namespace Sofia.Trading.Indicators;

/// <summary>
/// Bollinger Bands: Middle = SMA(period) of closes, Upper/Lower = Middle ± multiplier·σ with the population
/// standard deviation (Stock.Indicators and LEAN agree). <see cref="Value"/> is the middle band.
/// </summary>
public sealed class BollingerBands : ISeriesIndicator
{
    private readonly RollingMoments _moments;

    /// <summary>Creates bands over <paramref name="period"/> closes, <paramref name="multiplier"/> deviations wide.</summary>
    public BollingerBands(int period = 20, double multiplier = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        _moments = new RollingMoments(period);
        Multiplier = multiplier;
    }

    /// <summary>Number of closes in the window.</summary>
    public int Period => _moments.Period;

    /// <summary>Band distance in standard deviations.</summary>
    public double Multiplier { get; }

    /// <summary>The simple moving average.</summary>
    public double Middle { get; private set; } = double.NaN;

    /// <summary>Middle + multiplier·σ.</summary>
    public double Upper { get; private set; } = double.NaN;

    /// <summary>Middle − multiplier·σ.</summary>
    public double Lower { get; private set; } = double.NaN;

    /// <summary>(close − Lower) / (Upper − Lower); NaN when the bands have zero width.</summary>
    public double PercentB { get; private set; } = double.NaN;

    /// <summary>(Upper − Lower) / Middle as a fraction (LEAN prints it ×100).</summary>
    public double Width { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public bool IsReady => _moments.IsFull;

    /// <inheritdoc/>
    public int WarmUpPeriod => Period;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value => Middle;

    /// <inheritdoc/>
    public bool Update(in Bar bar) => Update(bar.Close);

    /// <inheritdoc/>
    public bool Update(double value)
    {
        Samples++;
        _moments.Add(value);
        if (_moments.IsFull)
        {
            var offset = Multiplier * Math.Sqrt(_moments.Variance(DeviationKind.Population));
            Middle = _moments.Mean;
            Upper = Middle + offset;
            Lower = Middle - offset;
            PercentB = offset > 0 ? (value - Lower) / (Upper - Lower) : double.NaN;
            Width = (Upper - Lower) / Middle;
        }

        return _moments.IsFull;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _moments.Reset();
        Samples = 0;
        Middle = Upper = Lower = PercentB = Width = double.NaN;
    }
}
