using Sofia.Contracts;
using Sofia.MarketData;
using Sofia.Messaging;
using Sofia.SignalHub.Domain;
using Sofia.SignalHub.Options;
using Sofia.Signals;

namespace Sofia.SignalHub.Workers;

/// <summary>
/// Runs the hub: creates the streams, applies the promoted parameters in the bucket, then consumes each market's ticks,
/// watches the bucket and consumes scored news, all together. If any part fails (NATS gone for longer than its own
/// retries), all restart after a pause; the engine keeps its bars and strategies, and redelivered ticks change nothing.
/// </summary>
internal sealed class SignalHubWorker(
    IServiceProvider services,
    SignalEngine engine,
    IMessageBus bus,
    PromotedParametersWatcher promoted,
    SentimentConsumer sentiment,
    SignalBook book,
    HubState state,
    SignalHubMetrics metrics,
    Microsoft.Extensions.Options.IOptions<SignalHubOptions> options,
    TimeProvider time,
    ILogger<SignalHubWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private static readonly StreamDefinition[] UsedStreams = [Streams.Ticks, Streams.Signals, Streams.News, Streams.DeadLetters];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        SignalHubLog.PlanLoaded(logger, settings.StrategiesPath, engine.Plan.Markets.Count, engine.Plan.BarInterval);
        var history = settings.WarmUpFromHistory ? services.GetRequiredService<IMarketHistory>() : null;
        var loops = engine.Plan.Markets
            .Select(m => new MarketTickLoop(m, engine, bus, history, settings, book, state, metrics, time, logger))
            .ToArray();
        foreach (var market in engine.Plan.Markets)
        {
            state.SetWarm(market.Symbol, engine.IsWarmFor(market.Symbol));
        }

        var delay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var stream in UsedStreams)
                {
                    await bus.EnsureStreamAsync(stream, stoppingToken);
                }

                var bucket = await bus.KeyValueAsync(KvBuckets.PromotedParameters, stoppingToken);
                await promoted.LoadAsync(bucket, stoppingToken);
                state.Consuming = true;
                delay = TimeSpan.Zero;
                using var parts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var running = loops.Select(l => l.RunAsync(parts.Token))
                    .Append(promoted.WatchAsync(bucket, parts.Token))
                    .Append(sentiment.RunAsync(parts.Token))
                    .ToList();
                await WhenAllOrFirstFailureAsync(running, parts);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                state.Consuming = false;
                delay = delay == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
                SignalHubLog.HubFailed(logger, delay.TotalMilliseconds, e);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>Waits for all parts; the first that fails stops the others and its error is thrown.</summary>
    private static async Task WhenAllOrFirstFailureAsync(List<Task> running, CancellationTokenSource parts)
    {
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running);
            running.Remove(done);
            if (done.IsFaulted || (done.IsCanceled && !parts.IsCancellationRequested))
            {
                await parts.CancelAsync();
                try
                {
                    await Task.WhenAll(running);
                }
                catch (OperationCanceledException)
                {
                    // The others stop because they were told to.
                }

                await done;
            }
        }
    }
}
