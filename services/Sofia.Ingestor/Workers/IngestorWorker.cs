using Microsoft.Extensions.Options;
using Sofia.Exchanges;
using Sofia.Ingestor.Domain;
using Sofia.Ingestor.Options;

namespace Sofia.Ingestor.Workers;

/// <summary>Builds one adapter per configured exchange and runs a <see cref="FeedSupervisor"/> per connection plan until stopped.</summary>
internal sealed class IngestorWorker(
    IOptions<IngestorOptions> options,
    PublishBuffer buffer,
    FeedRegistry registry,
    IngestorMetrics metrics,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILoggerFactory loggerFactory) : BackgroundService
{
    public const string BackfillClientName = "backfill";

    private readonly ILogger _logger = loggerFactory.CreateLogger<IngestorWorker>();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        IngestorLog.Configured(_logger, settings.Exchanges, settings.Symbols);
        var supervisors = CreateSupervisors(settings);
        return Task.WhenAll(supervisors.Select(s => s.RunAsync(stoppingToken)));
    }

    private List<FeedSupervisor> CreateSupervisors(IngestorOptions settings)
    {
        var rules = new WhaleRules(
            settings.WhaleThresholdUsd, TimeSpan.FromSeconds(settings.ImbalanceWindowSeconds), settings.ImbalanceThreshold, settings.ImbalanceMinNotionalUsd);
        var timing = new FeedTiming(settings.StaleAfter, settings.ReconnectDelay, settings.ReconnectDelayMax);
        var supervisors = new List<FeedSupervisor>();
        foreach (var exchange in settings.Exchanges.Distinct(StringComparer.Ordinal))
        {
            var adapter = ExchangeAdapter.Create(settings.SymbolMapFor(exchange), settings.AdapterOptionsFor(exchange));
            var logger = loggerFactory.CreateLogger("Sofia.Ingestor.Feeds." + exchange);
            var plans = adapter.PlanConnections();
            for (var i = 0; i < plans.Count; i++)
            {
                var status = new FeedStatus(exchange, i, plans[i].Symbols, plans[i].Endpoint);
                registry.Add(status);
                var sink = new TradeSink(adapter, status, rules, buffer, metrics, clock, logger);
                var backfiller = new Backfiller(sink, httpClients.CreateClient(BackfillClientName), settings.BackfillMaxPages, metrics, clock, logger);
                supervisors.Add(new FeedSupervisor(plans[i], sink, backfiller, timing, metrics, clock, logger));
            }
        }

        return supervisors;
    }
}
