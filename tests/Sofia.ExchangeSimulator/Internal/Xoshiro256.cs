namespace Sofia.ExchangeSimulator.Internal;

/// <summary>
/// xoshiro256** with SplitMix64 seeding: fast, and its sequence for a seed never changes between runtime
/// versions (which <see cref="Random"/> does not promise), so a seed reproduces a market exactly.
/// </summary>
internal sealed class Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public Xoshiro256(long seed)
    {
        var x = (ulong)seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1], safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Exponential with mean 1.</summary>
    public double NextExponential() => -Math.Log(NextOpenDouble());

    /// <summary>Standard normal (Marsaglia's polar method; the second value is kept for the next call).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
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
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
