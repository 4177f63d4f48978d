namespace Sofia.Trading.Data;

/// <summary>Bar intervals and their alignment to UTC epoch multiples.</summary>
public static class BarTime
{
    /// <summary>Microseconds in <paramref name="interval"/>; it must be a positive whole number of seconds.</summary>
    public static long IntervalUs(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A bar interval is a positive whole number of seconds.");
        }

        return interval.Ticks / 10;
    }

    /// <summary>
    /// The start of the interval holding <paramref name="timeUs"/>: the largest multiple of the interval since the
    /// UTC epoch not after it (so 1h bars start on the hour, 1d bars at 00:00 UTC).
    /// </summary>
    public static long AlignDown(long timeUs, long intervalUs)
    {
        var remainder = timeUs % intervalUs;
        return remainder < 0 ? timeUs - remainder - intervalUs : timeUs - remainder;
    }
}
