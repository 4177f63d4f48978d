using System.Collections;

namespace Sofia.Trading.Tests.Backtesting;

/// <summary>A seeded random walk of 1-minute bars generated on the fly: enumerating it allocates nothing per bar.</summary>
internal sealed class SyntheticBars(int count, ulong seed = 7) : IEnumerable<Bar>
{
    public IEnumerator<Bar> GetEnumerator()
    {
        var state = seed;
        var price = 30_000.0;
        for (var i = 0; i < count; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var step = (((state >> 11) * (1.0 / (1UL << 53))) - 0.5) * 0.004;
            var open = price;
            price *= 1 + step;
            yield return new Bar(i * 60_000_000L, open, Math.Max(open, price) * 1.0005, Math.Min(open, price) * 0.9995, price, 10);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
