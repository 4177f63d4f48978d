namespace Sofia.TickWriter.Domain;

/// <summary>The last stored trade of a symbol on one exchange.</summary>
internal sealed record LastPrice(string Exchange, decimal Price, DateTimeOffset Time);
