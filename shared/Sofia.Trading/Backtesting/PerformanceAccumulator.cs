using Sofia.Trading.Metrics;

namespace Sofia.Trading.Backtesting;

/// <summary>
/// Streams an equity curve into every figure of a <see cref="PerformanceSummary"/> in O(1) memory: the mean
/// and variance of simple returns (plain sums: per-bar returns have a mean far below their spread, so the
/// one-pass formula loses nothing that matters and saves a division per bar), the downside sum of squares, the running peak and the deepest drawdown with its
/// indices and durations (the same rules as <see cref="DrawdownReport.FromEquity"/>), bars in the market and the
/// mean equity. Only the permutation test needs the returns themselves; they are kept when asked for.
/// </summary>
public sealed class PerformanceAccumulator
{
    private readonly List<double>? _returns;
    private int _points;
    private double _first;
    private double _previous;
    private double _equitySum;
    private int _returnCount;
    private double _sum;
    private double _squares;
    private double _downsideSquares;
    private int _inMarket;
    private int _peakIndex;
    private double _peak;
    private double _worst;
    private int _worstPeak;
    private int _worstTrough;
    private double _worstPeakValue;
    private int _recovery = -1;
    private bool _awaitingRecovery;
    private bool _underwater;
    private int _longest;

    /// <summary>Creates an accumulator; with <paramref name="keepReturns"/> the returns are kept for the permutation test.</summary>
    public PerformanceAccumulator(bool keepReturns = false)
    {
        _returns = keepReturns ? [] : null;
    }

    /// <summary>Number of equity points offered (bars + 1 with the starting point).</summary>
    public int Points => _points;

    /// <summary>Last equity offered.</summary>
    public double LastEquity => _previous;

    /// <summary>Fall of the last point from the running peak, as a positive fraction.</summary>
    public double CurrentDrawdown { get; private set; }

    /// <summary>The kept returns (empty unless asked for).</summary>
    public IReadOnlyList<double> Returns => _returns ?? (IReadOnlyList<double>)[];

    /// <summary>Offers the starting equity (before any bar).</summary>
    public void Start(double equity)
    {
        _points = 1;
        _first = _previous = _peak = equity;
        _equitySum = equity;
    }

    /// <summary>Offers the equity after a bar and whether a position was held over it.</summary>
    public void Add(double equity, bool inMarket)
    {
        _returnCount++;
        if (equity != _previous)
        {
            // A flat book repeats its equity: a zero return needs no division and adds nothing to the sums.
            var r = (equity / _previous) - 1;
            _sum += r;
            _squares += r * r;
            if (r < 0)
            {
                _downsideSquares += r * r;
            }

            _returns?.Add(r);
        }
        else
        {
            _returns?.Add(0);
        }

        if (inMarket)
        {
            _inMarket++;
        }

        _equitySum += equity;
        _previous = equity;
        TrackDrawdown(_points++, equity);
    }

    /// <summary>The summary of everything offered so far.</summary>
    public PerformanceSummary Summarize(TradeStatistics trades, decimal tradedNotional, double periodsPerYear, PermutationResult? permutation = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodsPerYear);
        var n = _returnCount;
        var total = n > 0 ? (_previous / _first) - 1 : double.NaN;
        var cagr = n > 0 ? Math.Pow(1 + total, periodsPerYear / n) - 1 : double.NaN;
        var mean = n > 0 ? _sum / n : double.NaN;
        var std = n > 1 ? Math.Sqrt(Math.Max(0, _squares - (_sum * mean)) / (n - 1)) : double.NaN;
        var downside = n > 0 ? Math.Sqrt(_downsideSquares / n) * Math.Sqrt(periodsPerYear) : double.NaN;
        var drawdown = Drawdown();
        var meanEquity = _points > 0 ? _equitySum / _points : double.NaN;
        var turnover = meanEquity > 0 ? (double)tradedNotional / meanEquity : double.NaN;
        return new PerformanceSummary
        {
            PeriodsPerYear = periodsPerYear,
            Periods = n,
            TotalReturn = total,
            Cagr = cagr,
            AnnualVolatility = std * Math.Sqrt(periodsPerYear),
            Sharpe = n > 1 ? mean / std * Math.Sqrt(periodsPerYear) : double.NaN,
            Sortino = n > 1 ? mean * periodsPerYear / downside : double.NaN,
            Calmar = drawdown.MaxDrawdown > 0 ? cagr / drawdown.MaxDrawdown : double.NaN,
            Drawdown = drawdown,
            Trades = trades,
            Exposure = n > 0 ? (double)_inMarket / n : double.NaN,
            Turnover = turnover,
            AnnualTurnover = n > 0 ? turnover * periodsPerYear / n : double.NaN,
            Permutation = permutation ?? new PermutationResult(mean, 0, 0, double.NaN),
        };
    }

    private void TrackDrawdown(int index, double equity)
    {
        if (equity >= _peak)
        {
            if (_underwater)
            {
                _longest = Math.Max(_longest, index - _peakIndex);
                _underwater = false;
            }

            if (_awaitingRecovery && equity >= _worstPeakValue)
            {
                _recovery = index;
                _awaitingRecovery = false;
            }

            _peakIndex = index;
            _peak = equity;
            CurrentDrawdown = 0;
            return;
        }

        _underwater = true;
        var depth = (_peak - equity) / _peak;
        CurrentDrawdown = depth;
        if (depth > _worst)
        {
            _worst = depth;
            _worstPeak = _peakIndex;
            _worstTrough = index;
            _worstPeakValue = _peak;
            _recovery = -1;
            _awaitingRecovery = true;
        }
    }

    private DrawdownReport Drawdown()
    {
        if (_points == 0)
        {
            return new DrawdownReport(double.NaN, -1, -1, -1, 0, 0);
        }

        if (_worst == 0)
        {
            return new DrawdownReport(0, -1, -1, -1, 0, 0);
        }

        var last = _points - 1;
        var longest = _underwater ? Math.Max(_longest, last - _peakIndex) : _longest;
        var duration = (_recovery >= 0 ? _recovery : last) - _worstPeak;
        return new DrawdownReport(_worst, _worstPeak, _worstTrough, _recovery, duration, longest);
    }
}
