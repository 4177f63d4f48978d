using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Sofia.PaperOms;
using Sofia.SignalHub;

namespace Sofia.Cli.Demo;

/// <summary>The services the demo runs, each with the configuration it gets in memory (production values unless noted).</summary>
internal static class DemoServices
{
    public const string PaperOms = "paper-oms";
    public const string SignalHub = "signal-hub";
    public const string Ingestor = "ingestor";
    public const string TickWriter = "tick-writer";

    /// <summary>The paper OMS's API key for this run only (its mutating endpoints need one).</summary>
    public static string NewApiKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The services in start order: consumers before the producers that feed them.</summary>
    public static IReadOnlyList<DemoServiceSpec> All(DemoSetup setup) => [PaperOmsSpec(setup), SignalHubSpec(setup)];

    public static DemoServiceSpec SignalHubSpec(DemoSetup setup) => new(
        SignalHub,
        typeof(SignalHubRegistration).Assembly,
        Common(setup, new()
        {
            ["SignalHub:StrategiesFile"] = setup.StrategiesFile,
            ["SignalHub:WarmUpFromHistory"] = "false",
            ["SignalHub:HistoryBars"] = "5000",
            ["SignalHub:TicksDeliverFrom"] = "New",
            ["SignalHub:PullBatch"] = "512",
            ["SignalHub:AckWaitSeconds"] = "30",
        }),
        builder => builder.Services.AddSignalHub(),
        app => app.MapSignalHub());

    public static DemoServiceSpec PaperOmsSpec(DemoSetup setup) => new(
        PaperOms,
        typeof(PaperOmsRegistration).Assembly,
        Common(setup, new()
        {
            ["PaperOms:ApiKey"] = setup.ApiKey,
            ["PaperOms:StartingCashPerBook"] = "10000",
            ["PaperOms:TakerFeeBps"] = "10",
            ["PaperOms:MakerFeeBps"] = "2",
            ["PaperOms:SlippageBps"] = "2",
            ["PaperOms:SizingFraction"] = "1",
            ["PaperOms:LotStep"] = "0.00001",
            ["PaperOms:AllowShort"] = "true",
            ["PaperOms:MaxPositionUsd"] = "50000",
            ["PaperOms:MaxGrossLeverage"] = "2",
            ["PaperOms:DailyLossLimit"] = "0.05",
            ["PaperOms:MaxDrawdown"] = "0.2",
            ["PaperOms:GateDrawdown"] = "0.05",
            ["PaperOms:GateLoss"] = "0.03",
            ["PaperOms:StageHours"] = "24",
            // The demo's progress view reads the API twice a second.
            ["PaperOms:RequestsPerMinute"] = "100000",
            ["PaperOms:SnapshotIntervalSeconds"] = "5",
        }),
        builder => builder.Services.AddPaperOms(),
        app => app.MapPaperOms());

    private static Dictionary<string, string?> Common(DemoSetup setup, Dictionary<string, string?> values)
    {
        values["Hosting:ShutdownTimeoutSeconds"] = "10";
        values["Logging:LogLevel:Default"] = "Warning";
        if (setup.NatsUrl is { } nats)
        {
            values["Nats:Url"] = nats.ToString();
        }

        if (setup.ClickHouseUrl is { } clickHouse)
        {
            values["ClickHouse:Url"] = clickHouse.ToString();
            values["ClickHouse:Database"] = "sofia";
        }

        return values;
    }
}
