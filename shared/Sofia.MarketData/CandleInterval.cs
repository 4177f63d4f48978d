namespace Sofia.MarketData;

/// <summary>A candle length; every one is rolled up from one-minute candles, aligned to UTC epoch multiples.</summary>
/// <param name="Name">As the API writes it: 1m, 5m, 15m, 1h, 4h, 1d.</param>
/// <param name="Seconds">Its length in seconds, a whole number of minutes.</param>
public sealed record CandleInterval(string Name, int Seconds)
{
    /// <summary>The lengths served: 1m, 5m, 15m, 1h, 4h, 1d.</summary>
    public static IReadOnlyList<CandleInterval> All { get; } =
    [
        new("1m", 60), new("5m", 300), new("15m", 900), new("1h", 3_600), new("4h", 14_400), new("1d", 86_400),
    ];

    /// <summary>The names of <see cref="All"/>, comma-separated, for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(i => i.Name));

    /// <summary>The interval named <paramref name="name"/>, or null.</summary>
    public static CandleInterval? Find(string? name) => All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The open time (epoch seconds) of the first candle opening at or after <paramref name="time"/>.</summary>
    internal long FirstOpenAtOrAfter(DateTimeOffset time)
    {
        var ms = Math.Max(0, time.ToUnixTimeMilliseconds());
        var step = Seconds * 1000L;
        return (ms + step - 1) / step * Seconds;
    }
}
