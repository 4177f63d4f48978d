namespace Sofia.Trading.Indicators;

/// <summary>
/// True range: max(high − low, |high − previous close|, |low − previous close|). See <see cref="TrueRangeStart"/>
/// for the first bar.
/// </summary>
public sealed class TrueRange : IIndicator
{
    private double _previousClose;

    /// <summary>Creates a true range with the given first-bar convention.</summary>
    public TrueRange(TrueRangeStart start = TrueRangeStart.FromSecondBar)
    {
        Start = start;
    }

    /// <summary>The first-bar convention.</summary>
    public TrueRangeStart Start { get; }

    /// <inheritdoc/>
    public bool IsReady => Samples >= WarmUpPeriod;

    /// <inheritdoc/>
    public int WarmUpPeriod => Start == TrueRangeStart.FromSecondBar ? 2 : 1;

    /// <inheritdoc/>
    public int Samples { get; private set; }

    /// <inheritdoc/>
    public double Value { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public bool Update(in Bar bar)
    {
        Samples++;
        if (Samples > 1)
        {
            var range = bar.High - bar.Low;
            var up = Math.Abs(bar.High - _previousClose);
            var down = Math.Abs(bar.Low - _previousClose);
            Value = Math.Max(range, Math.Max(up, down));
        }
        else if (Start == TrueRangeStart.FirstBarHighLow)
        {
            Value = bar.High - bar.Low;
        }

        _previousClose = bar.Close;
        return IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _previousClose = 0;
        Samples = 0;
        Value = double.NaN;
    }
}
