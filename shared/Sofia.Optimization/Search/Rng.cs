namespace Sofia.Optimization.Search;

/// <summary>
/// A small seeded generator (SplitMix64) so every search draws the same numbers on every runtime and core count;
/// <see cref="System.Random"/> promises no stable sequence across .NET versions.
/// </summary>
internal sealed class Rng(ulong seed)
{
    private ulong _state = seed;
    private double _spare = double.NaN;

    /// <summary>A seed derived from <paramref name="seed"/> and <paramref name="stream"/>, for independent sequences.</summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        var rng = new Rng(seed ^ (stream * 0xD1B54A32D192ED03UL));
        return rng.Next();
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, bound).</summary>
    public int NextInt(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);

    /// <summary>Standard normal (Marsaglia's polar method; the second value is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (!double.IsNaN(_spare))
        {
            var spare = _spare;
            _spare = double.NaN;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * factor;
        return u * factor;
    }
}
