namespace Sofia.Trading.Tests.Strategies;

/// <summary>
/// Keeps the bars up to a cutoff and appends a stretch of wild, seeded, NaN-free bars: prices drawn independently
/// within ±10 % of the last real close (two hundred times the usual 1-minute range of BTC), highs and lows up to
/// another 10 % out, random volumes. The stretch is bounded in length and amplitude so that a strategy that profits
/// from the noise (a grid) cannot push exact decimal money past its range.
/// </summary>
internal static class GarbageFuture
{
    public const int Length = 300;

    public static Bar[] After(Bar[] bars, int cutoff, int seed)
    {
        var length = Math.Min(bars.Length, cutoff + 1 + Length);
        var copy = bars.AsSpan(0, length).ToArray();
        var random = new Random(seed);
        var level = bars[cutoff].Close;
        for (var i = cutoff + 1; i < copy.Length; i++)
        {
            var open = level * (1 + ((random.NextDouble() - 0.5) * 0.2));
            var close = level * (1 + ((random.NextDouble() - 0.5) * 0.2));
            var high = Math.Max(open, close) * (1 + (random.NextDouble() * 0.1));
            var low = Math.Min(open, close) * (1 - (random.NextDouble() * 0.1));
            copy[i] = new Bar(bars[i].OpenTimeUs, open, high, low, close, random.NextDouble() * 1e4);
        }

        return copy;
    }
}
