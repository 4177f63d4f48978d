namespace Sofia.Cli.Operations;

/// <summary>
/// The HTTP ports each service listens on when run locally (scripts/run-local.sh uses the same numbers), so
/// <c>sofia status</c> finds them without flags.
/// </summary>
internal static class ServiceEndpoints
{
    public static IReadOnlyList<(string Name, Uri Url)> Local { get; } =
    [
        ("ingestor", new Uri("http://127.0.0.1:8081/")),
        ("tick-writer", new Uri("http://127.0.0.1:8082/")),
        ("signal-hub", new Uri("http://127.0.0.1:8083/")),
        ("paper-oms", new Uri("http://127.0.0.1:8084/")),
        ("optimizer", new Uri("http://127.0.0.1:8085/")),
    ];
}
