namespace Sofia.TickWriter.Domain;

/// <summary>A candle length served by the API; all are rolled up from the stored one-minute candles.</summary>
internal sealed record CandleInterval(string Name, int Seconds)
{
    public static IReadOnlyList<CandleInterval> All { get; } =
    [
        new("1m", 60), new("5m", 300), new("15m", 900), new("1h", 3_600), new("4h", 14_400), new("1d", 86_400),
    ];

    public static string Names => string.Join(", ", All.Select(i => i.Name));

    public static CandleInterval? Find(string? name) => All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));
}
