using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Sofia.ExchangeSimulator;
using Sofia.Ingestor;
using Sofia.Ingestor.Endpoints;
using Sofia.MarketData;
using Sofia.Optimizer;
using Sofia.PaperOms;
using Sofia.SignalHub;
using Sofia.TickWriter;

namespace Sofia.Cli.Demo;

/// <summary>The services the demo runs, each with the configuration it gets in memory (production values unless noted).</summary>
internal static class DemoServices
{
    public const string PaperOms = "paper-oms";
    public const string SignalHub = "signal-hub";
    public const string Ingestor = "ingestor";
    public const string TickWriter = "tick-writer";
    public const string Optimizer = "optimizer";

    /// <summary>The paper OMS's API key for this run only (its mutating endpoints need one).</summary>
    public static string NewApiKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The services in start order: consumers before the producers that feed them.</summary>
    public static IReadOnlyList<DemoServiceSpec> Consumers(DemoSetup setup) => [PaperOmsSpec(setup), SignalHubSpec(setup), TickWriterSpec(setup), OptimizerSpec(setup)];

    /// <summary>The ingestor on the simulator's exchanges, at the addresses the simulator serves them.</summary>
    public static DemoServiceSpec IngestorSpec(DemoSetup setup, ExchangeSimulatorServer simulator)
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < setup.Exchanges.Count; i++)
        {
            var exchange = setup.Exchanges[i];
            values[$"Ingestor:Exchanges:{i}"] = exchange;
            values[$"Ingestor:Endpoints:{exchange}:WebSocket"] = simulator.WebSocketUri(exchange).ToString();
            values[$"Ingestor:Endpoints:{exchange}:Rest"] = simulator.BaseUri.ToString();
        }

        for (var i = 0; i < setup.Symbols.Count; i++)
        {
            values[$"Ingestor:Symbols:{i}"] = setup.Symbols[i];
        }

        return new(
            Ingestor,
            typeof(IngestorRegistration).Assembly,
            Common(setup, values),
            builder => builder.Services.AddIngestor(),
            app => app.MapIngestorEndpoints());
    }

    /// <summary>The tick writer into the demo's embedded store, or into ClickHouse with <c>--clickhouse</c>.</summary>
    public static DemoServiceSpec TickWriterSpec(DemoSetup setup) => new(
        TickWriter,
        typeof(TickWriterRegistration).Assembly,
        Common(setup, []),
        builder =>
        {
            if (setup.ClickHouseUrl is null)
            {
                builder.Services.AddMarketStore(setup.Store);
            }
            else
            {
                builder.Services.AddClickHouseMarketStore();
            }

            builder.Services.AddTickWriter();
        },
        app => app.MapTickWriter());

    /// <summary>
    /// The optimizer's trial workers wait on the work queue; its nightly coordinator is off (a study needs more history
    /// than a demo makes). Its history is the demo's store.
    /// </summary>
    public static DemoServiceSpec OptimizerSpec(DemoSetup setup)
    {
        var values = new Dictionary<string, string?>
        {
            ["Optimizer:Strategies:0"] = "trend",
            ["Optimizer:Exchange"] = setup.Exchanges[0],
            ["Optimizer:HistoryDays"] = "1",
            ["Optimizer:Trials"] = "20",
            ["Optimizer:Folds"] = "2",
            ["Optimizer:Permutations"] = "100",
            ["Optimizer:Coordinate"] = "false",
            ["Optimizer:WorkerConcurrency"] = "1",
            ["Optimizer:TrialStore"] = "jsonl",
            ["Optimizer:TrialDirectory"] = Path.Combine(setup.OutputDirectory, "trials"),
        };
        for (var i = 0; i < setup.Symbols.Count; i++)
        {
            values[$"Optimizer:Symbols:{i}"] = setup.Symbols[i];
        }

        return new(
            Optimizer,
            typeof(OptimizerRegistration).Assembly,
            Common(setup, values),
            builder =>
            {
                if (setup.ClickHouseUrl is null)
                {
                    builder.Services.AddMarketStore(setup.Store);
                }
                else
                {
                    builder.Services.AddClickHouseMarketHistory();
                }

                builder.Services.AddOptimizer();
            },
            _ => { });
    }

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
            ["PaperOms:StrategiesFile"] = setup.StrategiesFile,
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
