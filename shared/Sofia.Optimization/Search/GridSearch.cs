using Sofia.Trading.Strategies;

namespace Sofia.Optimization.Search;

/// <summary>
/// Grid search, a baseline: each parameter takes <c>L</c> evenly spaced values over its range (log-spaced for
/// log-real parameters, fewer when a whole or categorical parameter has fewer distinct values), with <c>L</c> the
/// largest level count whose grid fits in the planned trials (at least 2). The grid is visited in a seeded shuffled
/// order so a study stopped early still covers the whole range; after the last point it continues with random draws.
/// </summary>
public sealed class GridSearch : IParameterSearch
{
    private const int MaxEnumerated = 1 << 20;
    private readonly SpaceCoordinates _space;
    private readonly Rng _rng;
    private readonly double[][] _levels;
    private readonly long _size;
    private readonly int[]? _order;
    private long _next;

    /// <summary>Creates a grid over <paramref name="space"/> sized for <paramref name="plannedTrials"/> trials.</summary>
    public GridSearch(ParameterSpace space, int plannedTrials, ulong seed)
    {
        _space = new SpaceCoordinates(space);
        _rng = new Rng(seed);
        var levels = 2;
        while (GridSize(levels + 1) <= Math.Max(1, plannedTrials) && levels < 1024)
        {
            levels++;
        }

        _levels = new double[_space.Count][];
        for (var i = 0; i < _space.Count; i++)
        {
            _levels[i] = Levels(i, levels);
        }

        _size = GridSize(levels);
        if (_size <= MaxEnumerated)
        {
            _order = new int[_size];
            for (var i = 0; i < _order.Length; i++)
            {
                _order[i] = i;
            }

            for (var i = _order.Length - 1; i > 0; i--)
            {
                var j = _rng.NextInt(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
        }
    }

    /// <inheritdoc/>
    public SearchAlgorithm Algorithm => SearchAlgorithm.Grid;

    /// <summary>Points in the grid.</summary>
    public long Size => _size;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var batch = new double[count][];
        for (var k = 0; k < count; k++)
        {
            if (_next >= _size)
            {
                batch[k] = _space.Uniform(_rng);
                continue;
            }

            long index = _order is null ? (long)(_rng.NextDouble() * _size) : _order[_next];
            _next++;
            var values = new double[_space.Count];
            for (var i = values.Length - 1; i >= 0; i--)
            {
                values[i] = _levels[i][index % _levels[i].Length];
                index /= _levels[i].Length;
            }

            batch[k] = values;
        }

        return batch;
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> values, double score)
    {
    }

    private long GridSize(int levels)
    {
        long size = 1;
        for (var i = 0; i < _space.Count && size <= long.MaxValue / 1024; i++)
        {
            size *= Math.Min(levels, Distinct(i));
        }

        return size;
    }

    private int Distinct(int index)
    {
        var d = _space[index];
        if (d.Kind == ParameterKind.Categorical)
        {
            return d.Choices.Count;
        }

        return d.Step > 0 ? (int)Math.Min(int.MaxValue, Math.Floor(((d.Max - d.Min) / d.Step) + 1e-9) + 1) : int.MaxValue;
    }

    private double[] Levels(int index, int levels)
    {
        var count = Math.Min(levels, Distinct(index));
        var d = _space[index];
        var values = new double[count];
        for (var k = 0; k < count; k++)
        {
            var fraction = count == 1 ? 0.5 : k / (double)(count - 1);
            values[k] = d.Kind switch
            {
                ParameterKind.Categorical => k,
                ParameterKind.LogReal => _space.Snap(index, Math.Log(d.Min) + (fraction * (Math.Log(d.Max) - Math.Log(d.Min)))),
                _ => _space.Snap(index, d.Min + (fraction * (d.Max - d.Min))),
            };
        }

        return values;
    }
}
