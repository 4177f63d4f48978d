using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sofia.Messaging;
using Sofia.Nats;
using Sofia.Optimizer.Domain;
using Sofia.Optimizer.Workers;

namespace Sofia.Optimizer.Tests;

/// <summary>
/// One optimizer replica in the test process, wired by the service's own registration over its own NATS connection:
/// its trial worker runs (the nightly schedule is off); its coordinator can be asked to run a study.
/// </summary>
internal sealed class OptimizerReplica : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly NatsMessageBus _bus;
    private readonly TrialWorker _worker;

    private OptimizerReplica(ServiceProvider services, NatsMessageBus bus)
    {
        _services = services;
        _bus = bus;
        _worker = services.GetServices<IHostedService>().OfType<TrialWorker>().Single();
    }

    public StudyCoordinator Coordinator => _services.GetRequiredService<StudyCoordinator>();

    public NightlyScheduler Scheduler => _services.GetServices<IHostedService>().OfType<NightlyScheduler>().Single();

    public TrialJournal Journal => _services.GetRequiredService<TrialJournal>();

    public IMessageBus Bus => _bus;

    /// <summary>Starts the replica's trial worker (again, after <see cref="StopWorkerAsync"/>).</summary>
    public Task StartWorkerAsync(CancellationToken cancellationToken) => _worker.StartAsync(cancellationToken);

    public Task StopWorkerAsync(CancellationToken cancellationToken) => _worker.StopAsync(cancellationToken);

    public static async Task<OptimizerReplica> StartAsync(string natsUrl, ReplicaSettings settings, CancellationToken cancellationToken, bool startWorker = true, TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Optimizer:Strategies:0"] = "trend",
            ["Optimizer:Symbols:0"] = "BTC-USDT",
            ["Optimizer:DataFiles:BTC-USDT"] = settings.DataFile,
            ["Optimizer:Method"] = settings.Method,
            ["Optimizer:Trials"] = settings.Trials.ToString(CultureInfo.InvariantCulture),
            ["Optimizer:Folds"] = "3",
            ["Optimizer:Seed"] = "11",
            ["Optimizer:HoldoutFraction"] = settings.HoldoutFraction.ToString(CultureInfo.InvariantCulture),
            ["Optimizer:Permutations"] = "100",
            ["Optimizer:Coordinate"] = "false",
            ["Optimizer:WorkerName"] = settings.WorkerName,
            ["Optimizer:WorkerConcurrency"] = "1",
            ["Optimizer:WorkerDurable"] = settings.Durable,
            ["Optimizer:JobFilter"] = settings.JobFilter,
            ["Optimizer:AckWaitSeconds"] = settings.AckWaitSeconds.ToString(CultureInfo.InvariantCulture),
            ["Optimizer:TrialDirectory"] = settings.TrialDirectory,
            ["Optimizer:ResultPollMs"] = "20",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var bus = new NatsMessageBus(new NatsClientOptions { Url = natsUrl, AckTimeoutSeconds = 5 });
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(time ?? TimeProvider.System)
            .AddLogging()
            .AddMetrics()
            .AddSofiaMessageBus(bus)
            .AddOptimizer()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var replica = new OptimizerReplica(services, bus);
        if (startWorker)
        {
            await replica.StartWorkerAsync(cancellationToken);
        }

        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _worker.StopAsync(stop.Token);
        await _services.DisposeAsync();
        await _bus.DisposeAsync();
    }
}
