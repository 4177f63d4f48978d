namespace Sofia.Trading.Indicators;

/// <summary>
/// SuperTrend: basic bands HL2 ± multiplier·ATR(period). The upper band only falls (it resets to the basic band
/// when the basic band is lower or the previous close was above it), the lower band only rises (symmetrically).
/// The trend starts up when the first close is at or above HL2, turns down when a close falls below the lower
/// band and up when a close rises above the upper band. <see cref="Value"/> is the band in force: the lower
/// band in an up-trend, the upper band in a down-trend. Stock.Indicators and LEAN agree on this; they differ
/// only in the ATR's first bar (<see cref="TrueRangeStart"/>).
/// </summary>
public sealed class SuperTrend : IIndicator
{
    private readonly AverageTrueRange _atr;
    private double _previousClose;

    /// <summary>Creates a SuperTrend over an ATR of <paramref name="period"/> bars.</summary>
    public SuperTrend(int period = 10, double multiplier = 3, TrueRangeStart start = TrueRangeStart.FromSecondBar)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        _atr = new AverageTrueRange(period, start);
        Multiplier = multiplier;
    }

    /// <summary>ATR multiple between HL2 and each band.</summary>
    public double Multiplier { get; }

    /// <summary>The ratcheting upper band (tracked in both trends).</summary>
    public double UpperBand { get; private set; } = double.NaN;

    /// <summary>The ratcheting lower band (tracked in both trends).</summary>
    public double LowerBand { get; private set; } = double.NaN;

    /// <summary>True in an up-trend (the lower band is in force).</summary>
    public bool IsUpTrend { get; private set; }

    /// <summary>The ATR feeding the bands.</summary>
    public double Atr => _atr.Value;

    /// <inheritdoc/>
    public bool IsReady => _atr.IsReady;

    /// <inheritdoc/>
    public int WarmUpPeriod => _atr.WarmUpPeriod;

    /// <inheritdoc/>
    public int Samples => _atr.Samples;

    /// <inheritdoc/>
    public double Value => !IsReady ? double.NaN : IsUpTrend ? LowerBand : UpperBand;

    /// <inheritdoc/>
    public bool Update(in Bar bar)
    {
        var wasReady = _atr.IsReady;
        if (_atr.Update(bar))
        {
            var middle = (bar.High + bar.Low) / 2;
            var basicUpper = middle + (Multiplier * _atr.Value);
            var basicLower = middle - (Multiplier * _atr.Value);
            if (!wasReady)
            {
                UpperBand = basicUpper;
                LowerBand = basicLower;
                IsUpTrend = bar.Close >= middle;
            }
            else
            {
                if (basicUpper < UpperBand || _previousClose > UpperBand)
                {
                    UpperBand = basicUpper;
                }

                if (basicLower > LowerBand || _previousClose < LowerBand)
                {
                    LowerBand = basicLower;
                }

                if (IsUpTrend && bar.Close < LowerBand)
                {
                    IsUpTrend = false;
                }
                else if (!IsUpTrend && bar.Close > UpperBand)
                {
                    IsUpTrend = true;
                }
            }
        }

        _previousClose = bar.Close;
        return _atr.IsReady;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _atr.Reset();
        _previousClose = 0;
        UpperBand = LowerBand = double.NaN;
        IsUpTrend = false;
    }
}
