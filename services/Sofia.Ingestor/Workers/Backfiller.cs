using System.Threading.Channels;
using Polly;
using Polly.Retry;
using Sofia.Contracts.V1;
using Sofia.Exchanges;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// Fills gaps through the exchange's REST trade endpoint. By-id exchanges (Binance, OKX, Coinbase Exchange) are
/// paged until the gap is covered; the others (Bybit, Coinbase Advanced Trade) return only recent trades, of
/// which the ones inside the gap (or, after a reconnect, newer than the last trade seen) are published.
/// Backfilled ticks carry the same msg ids as live ones, so overlaps are de-duplicated by JetStream.
/// </summary>
internal sealed class Backfiller
{
    private readonly TradeSink _sink;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IngestorMetrics _metrics;
    private readonly int _maxPages;
    private readonly Channel<BackfillJob> _jobs = Channel.CreateBounded<BackfillJob>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly ResiliencePipeline _retry;
    private ParsedTrade[] _trades = new ParsedTrade[ExchangeAdapter.RecommendedTradeBufferSize];

    public Backfiller(TradeSink sink, HttpClient http, int maxPages, IngestorMetrics metrics, TimeProvider clock, ILogger logger)
    {
        _sink = sink;
        _http = http;
        _maxPages = maxPages;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxRetryAttempts = 4,
            })
            .Build();
        sink.GapFound += (symbol, gap) => Enqueue(new BackfillJob(symbol, gap, 0));
    }

    /// <summary>Asks for a gap (or, with an empty gap, recent trades not older than the job's time) to be filled.</summary>
    public void Enqueue(BackfillJob job)
    {
        if (!_jobs.Writer.TryWrite(job))
        {
            IngestorLog.BackfillIncomplete(_logger, _sink.Exchange, job.Symbol, Describe(job), "backfill queue full");
        }
    }

    public void Complete() => _jobs.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(cancellationToken))
            {
                await FillAsync(job, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    internal async Task FillAsync(BackfillJob job, CancellationToken cancellationToken)
    {
        var range = new BackfillRange(job.Gap);
        var published = 0L;
        string? problem = null;
        for (var page = 0; page < _maxPages; page++)
        {
            var request = _sink.Adapter.BuildBackfillRequest(job.Symbol, range.Remaining);
            FrameResult result;
            try
            {
                result = await FetchAsync(request, job.Symbol, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                problem = ex.Message;
                break;
            }

            if (result.Kind != FrameKind.Trades)
            {
                problem = $"{result.Kind} {result.Error} {result.Message}".Trim();
                break;
            }

            var lowest = long.MaxValue;
            var highest = long.MinValue;
            for (var i = 0; i < result.TradeCount; i++)
            {
                var trade = _trades[i];
                if (!Wanted(job, range, trade))
                {
                    continue;
                }

                await _sink.AcceptBackfilledAsync(in trade, cancellationToken);
                published++;
                if (trade.HasNumericTradeId)
                {
                    lowest = Math.Min(lowest, trade.FirstTradeId);
                    highest = Math.Max(highest, trade.TradeId);
                }
            }

            if (job.Gap.IsEmpty || !request.ByIdRange)
            {
                break;
            }

            if (lowest > highest || !range.Covered(lowest, highest) || range.IsDone)
            {
                break;
            }
        }

        if (!job.Gap.IsEmpty && !range.IsDone)
        {
            problem ??= Unreturned(range);
        }

        Finish(job, published, problem);
    }

    private static string Unreturned(BackfillRange range) =>
        $"trade ids {range.Remaining.First}..{range.Remaining.Last} not returned by the exchange";

    private void Finish(BackfillJob job, long published, string? problem)
    {
        _sink.Status.AddBackfilled(published);
        _metrics.Backfilled(_sink.Exchange, job.Symbol, published);
        var detail = Describe(job);
        if (problem is null)
        {
            IngestorLog.Backfilled(_logger, _sink.Exchange, job.Symbol, published, detail);
        }
        else
        {
            IngestorLog.BackfillIncomplete(_logger, _sink.Exchange, job.Symbol, detail, problem);
        }

        _sink.Report(FeedState.Backfilled, problem is null ? $"{published} trades for {detail}" : $"{published} trades for {detail}; incomplete: {problem}",
            job.Symbol, job.Gap, published);
    }

    private static bool Wanted(BackfillJob job, BackfillRange range, in ParsedTrade trade)
    {
        if (!job.Gap.IsEmpty)
        {
            return trade.HasNumericTradeId && trade.TradeId >= job.Gap.First && trade.FirstTradeId <= job.Gap.Last && range.Contains(trade.TradeId);
        }

        return trade.ExchangeTimeUs >= job.SinceTimeUs;
    }

    private async Task<FrameResult> FetchAsync(BackfillRequest request, string symbol, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(
            async token =>
            {
                using var response = await _http.GetAsync(request.Uri, HttpCompletionOption.ResponseContentRead, token);
                if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
                {
                    throw new HttpRequestException($"{request.Uri.AbsolutePath} answered {(int)response.StatusCode}", null, response.StatusCode);
                }

                var body = await response.Content.ReadAsByteArrayAsync(token);
                var receiveUs = FeedEvents.ToEpochMicroseconds(_clock.GetUtcNow());
                var result = _sink.Adapter.ParseBackfillResponse(body, symbol, receiveUs, _trades);
                if (result.Kind == FrameKind.BufferTooSmall)
                {
                    _trades = new ParsedTrade[result.TradeCount];
                    result = _sink.Adapter.ParseBackfillResponse(body, symbol, receiveUs, _trades);
                }

                return result;
            },
            cancellationToken);

    private static string Describe(BackfillJob job) =>
        job.Gap.IsEmpty ? "recent trades after a reconnect" : $"trade ids {job.Gap.First}..{job.Gap.Last}";
}
