using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Sofia.TickWriter.Workers;

/// <summary>Insert retries, the circuit breaker and the in-progress acks that keep held messages alive meanwhile.</summary>
internal sealed partial class TickPipeline
{
    private ResiliencePipeline BuildInsertPolicy()
    {
        var handled = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException);
        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = handled,
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = _options.MaxRetryDelay,
                OnRetry = args => OnRetryAsync(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception, args.Context.CancellationToken),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = handled,
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = _options.CircuitBreak,
                OnOpened = args =>
                {
                    TickWriterLog.CircuitOpened(_logger, args.BreakDuration.TotalMilliseconds);
                    return default;
                },
            })
            .AddTimeout(_options.InsertTimeout)
            .Build();
    }

    private async ValueTask OnRetryAsync(int attempt, TimeSpan delay, Exception? error, CancellationToken cancellationToken)
    {
        _failedAttempts = attempt;
        _state.StorageFailing();
        if (error is not BrokenCircuitException)
        {
            _metrics.InsertFailed();
        }

        TickWriterLog.InsertFailed(_logger, _held.Count, attempt, delay.TotalMilliseconds, error!);
        await KeepAliveAsync(cancellationToken);
    }

    // Everything delivered and not acknowledged is either in the held batch, in the decoded channel or in
    // the consumer's buffer (which drains into the channel); the channel is moved aside so those get
    // in-progress acks too, and they start the next batch.
    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_time.GetElapsedTime(_lastKeepAlive) < _options.AckWait / 4)
        {
            return;
        }

        _lastKeepAlive = _time.GetTimestamp();
        while (_decoded.Reader.TryRead(out var row))
        {
            _carried.Enqueue(row);
        }

        try
        {
            foreach (var row in _held)
            {
                await row.Message.InProgressAsync(cancellationToken);
            }

            foreach (var row in _carried)
            {
                await row.Message.InProgressAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TickWriterLog.KeepAliveFailed(_logger, ex);
        }
    }
}
