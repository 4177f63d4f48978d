using Sofia.MarketData;

namespace Sofia.Cli.Demo;

/// <summary>What every hosted service of one demo run shares: addresses, files and keys.</summary>
internal sealed record DemoSetup(
    string OutputDirectory,
    string StrategiesFile,
    string ApiKey,
    IReadOnlyList<string> Exchanges,
    IReadOnlyList<string> Symbols,
    long Seed,
    Uri? NatsUrl,
    Uri? ClickHouseUrl,
    IMarketStore Store);
