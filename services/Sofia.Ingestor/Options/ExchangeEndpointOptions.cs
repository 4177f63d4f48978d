namespace Sofia.Ingestor.Options;

/// <summary>Addresses of one exchange that replace its public ones.</summary>
internal sealed record ExchangeEndpointOptions
{
    /// <summary>The WebSocket address, e.g. <c>ws://127.0.0.1:5000/stream</c>.</summary>
    public string? WebSocket { get; init; }

    /// <summary>The REST base address used by backfill, e.g. <c>http://127.0.0.1:5000/</c>.</summary>
    public string? Rest { get; init; }
}
