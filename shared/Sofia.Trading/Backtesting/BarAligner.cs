namespace Sofia.Trading.Backtesting;

/// <summary>Aligns the bars of several symbols on open time for multi-symbol strategies: only times present in every series are kept.</summary>
public static class BarAligner
{
    /// <summary>Inner-joins <paramref name="series"/> (each sorted by open time) into equally long arrays of bars with identical open times.</summary>
    public static Bar[][] Align(IReadOnlyList<IReadOnlyList<Bar>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var k = series.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var output = new List<Bar>[k];
        var cursor = new int[k];
        for (var i = 0; i < k; i++)
        {
            output[i] = new List<Bar>(series[i].Count);
        }

        while (true)
        {
            var latest = long.MinValue;
            for (var i = 0; i < k; i++)
            {
                if (cursor[i] >= series[i].Count)
                {
                    return ToArrays(output);
                }

                latest = Math.Max(latest, series[i][cursor[i]].OpenTimeUs);
            }

            var aligned = true;
            for (var i = 0; i < k; i++)
            {
                while (cursor[i] < series[i].Count && series[i][cursor[i]].OpenTimeUs < latest)
                {
                    cursor[i]++;
                }

                if (cursor[i] >= series[i].Count)
                {
                    return ToArrays(output);
                }

                aligned &= series[i][cursor[i]].OpenTimeUs == latest;
            }

            if (!aligned)
            {
                continue;
            }

            for (var i = 0; i < k; i++)
            {
                output[i].Add(series[i][cursor[i]++]);
            }
        }
    }

    private static Bar[][] ToArrays(List<Bar>[] lists)
    {
        var arrays = new Bar[lists.Length][];
        for (var i = 0; i < lists.Length; i++)
        {
            arrays[i] = [.. lists[i]];
        }

        return arrays;
    }
}
