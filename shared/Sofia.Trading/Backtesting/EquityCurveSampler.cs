namespace Sofia.Trading.Backtesting;

/// <summary>
/// Keeps at most <c>capacity</c> evenly spaced points of an equity curve of any length, so memory does not grow with
/// the number of bars: points are taken every <c>stride</c> bars, and when the buffer fills every other point is
/// dropped and the stride doubles. The last point offered is always kept.
/// </summary>
public sealed class EquityCurveSampler
{
    private readonly EquityPoint[] _points;
    private int _count;
    private int _stride = 1;
    private int _offered;
    private int _untilNext;
    private EquityPoint _last;

    /// <summary>Creates a sampler keeping at most <paramref name="capacity"/> points (even, at least 4).</summary>
    public EquityCurveSampler(int capacity = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
        _points = new EquityPoint[capacity & ~1];
    }

    /// <summary>Bars between kept points.</summary>
    public int Stride => _stride;

    /// <summary>Offers one point; it is kept when its position is a multiple of the stride.</summary>
    public void Add(in EquityPoint point)
    {
        _last = point;
        _offered++;
        if (--_untilNext > 0)
        {
            return;
        }

        if (_count == _points.Length)
        {
            // Keeps points 0, 2, 4, … ; the point at hand sits at an even multiple of the old stride, so it stays too.
            for (var i = 0; i < _count / 2; i++)
            {
                _points[i] = _points[2 * i];
            }

            _count /= 2;
            _stride *= 2;
        }

        _points[_count++] = point;
        _untilNext = _stride;
    }

    /// <summary>The kept points plus the last point offered, in time order.</summary>
    public EquityPoint[] ToArray()
    {
        if (_offered == 0)
        {
            return [];
        }

        var lastKept = _count > 0 && _points[_count - 1] == _last;
        var result = new EquityPoint[_count + (lastKept ? 0 : 1)];
        Array.Copy(_points, result, _count);
        if (!lastKept)
        {
            result[^1] = _last;
        }

        return result;
    }
}
