using Polly;
using Polly.Retry;
using Sofia.Contracts.V1;
using Sofia.Exchanges;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// Keeps one <see cref="ConnectionPlan"/> connected: reconnects at once after a connection that worked, with
/// exponential backoff and jitter (Polly) after one that failed; replaces a connection that must go (shutdown
/// notice, maximum age) by opening the new one before closing the old; runs the backfill loop beside it.
/// </summary>
internal sealed class FeedSupervisor
{
    private readonly ConnectionPlan _plan;
    private readonly TradeSink _sink;
    private readonly Backfiller _backfiller;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _staleAfter;
    private readonly IngestorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _reconnect;
    private int _opened;

    public FeedSupervisor(
        ConnectionPlan plan, TradeSink sink, Backfiller backfiller, FeedTiming timing, IngestorMetrics metrics, TimeProvider clock, ILogger logger)
    {
        _plan = plan;
        _sink = sink;
        _backfiller = backfiller;
        _clock = clock;
        _staleAfter = timing.StaleAfter;
        _metrics = metrics;
        _logger = logger;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = timing.ReconnectDelay,
                MaxDelay = timing.ReconnectDelayMax,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? "unknown";
                    IngestorLog.ConnectionLost(_logger, _sink.Exchange, _sink.Status.Connection, reason, (long)args.RetryDelay.TotalMilliseconds);
                    _sink.Report(FeedState.Reconnecting, reason);
                    return default;
                },
            })
            .Build();
    }

    public FeedStatus Status => _sink.Status;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backfill = _backfiller.RunAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _reconnect.ExecuteAsync(ConnectOnceAsync, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _backfiller.Complete();
            await backfill;
            _sink.Report(FeedState.Disconnected, "stopped");
        }
    }

    // Returns after a connection that delivered trades ended (reconnect at once); throws when it failed (backoff).
    private async ValueTask ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var session = await OpenAsync(cancellationToken);
        try
        {
            while (true)
            {
                var completion = session.Completion;
                var first = await Task.WhenAny(completion, session.RenewRequested).WaitAsync(cancellationToken);
                if (first != completion)
                {
                    IngestorLog.Renewing(_logger, _sink.Exchange, _sink.Status.Connection, session.RenewRequested.Result);
                    FeedSession? next = null;
                    try
                    {
                        next = await OpenAsync(cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        IngestorLog.ConnectionLost(_logger, _sink.Exchange, _sink.Status.Connection, "replacement failed: " + ex.Message, 0);
                    }

                    if (next is not null)
                    {
                        await session.CloseAsync();
                        await session.DisposeAsync();
                        session = next;
                        continue;
                    }
                }

                var end = await completion.WaitAsync(cancellationToken);
                if (end.Stale)
                {
                    _metrics.Stale(_sink.Exchange);
                    IngestorLog.Stale(_logger, _sink.Exchange, _sink.Status.Connection, end.Reason);
                    _sink.Report(FeedState.Stale, end.Reason);
                }

                if (!end.ReceivedTrades)
                {
                    throw new FeedException(end.Reason);
                }

                IngestorLog.ConnectionLost(_logger, _sink.Exchange, _sink.Status.Connection, end.Reason, 0);
                _sink.Report(FeedState.Reconnecting, end.Reason);
                return;
            }
        }
        finally
        {
            await session.DisposeAsync();
        }
    }

    private async Task<FeedSession> OpenAsync(CancellationToken cancellationToken)
    {
        var session = await FeedSession.OpenAsync(_plan, _sink, _clock, _staleAfter, cancellationToken);
        var reconnect = Interlocked.Increment(ref _opened) > 1;
        if (reconnect)
        {
            _metrics.Reconnect(_sink.Exchange);
            _sink.Status.Reconnected();
            if (!_sink.Adapter.TradeIdsAreSequential)
            {
                // Ids cannot show what was missed: fetch the recent trades newer than the last one seen.
                foreach (var market in _sink.Markets)
                {
                    long since;
                    lock (market.Gate)
                    {
                        since = market.LastExchangeTimeUs;
                    }

                    _backfiller.Enqueue(new BackfillJob(market.Symbol, TradeIdGap.None, since));
                }
            }
        }

        IngestorLog.Connected(_logger, _sink.Exchange, _sink.Status.Connection, _plan.Endpoint, _plan.Symbols);
        _sink.Report(FeedState.Connected, reconnect ? "reconnected" : "connected");
        return session;
    }
}
