using Google.Protobuf;
using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Exchanges;
using Sofia.Ingestor.Domain;

namespace Sofia.Ingestor.Workers;

/// <summary>
/// Where the trades of one connection plan go: gap detection (sequential ids), whale rules, the tick with its
/// de-duplication id into the <see cref="PublishBuffer"/> (waiting while it is full), and feed-health events.
/// Shared by a connection and its replacement, and by the backfill loop.
/// </summary>
internal sealed class TradeSink
{
    private static readonly string TickType = Tick.Descriptor.FullName;

    private readonly ExchangeAdapter _adapter;
    private readonly PublishBuffer _buffer;
    private readonly IngestorMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, MarketState> _markets = new(StringComparer.Ordinal);
    private readonly ProblemSampler _sampler;

    public TradeSink(
        ExchangeAdapter adapter, FeedStatus status, WhaleRules rules, PublishBuffer buffer, IngestorMetrics metrics, TimeProvider clock, ILogger logger)
    {
        _adapter = adapter;
        Status = status;
        _buffer = buffer;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _sampler = new ProblemSampler(clock, TimeSpan.FromSeconds(10));
        foreach (var symbol in status.Symbols)
        {
            _markets[symbol] = new MarketState(adapter.Exchange, symbol, rules);
        }
    }

    public string Exchange => _adapter.Exchange;

    public FeedStatus Status { get; }

    public ExchangeAdapter Adapter => _adapter;

    public ILogger Logger => _logger;

    /// <summary>Gaps found while reading, for the backfill loop.</summary>
    public event Action<string, TradeIdGap>? GapFound;

    public MarketState Market(string symbol) => _markets[symbol];

    public IEnumerable<MarketState> Markets => _markets.Values;

    /// <summary>Takes the live trades of one frame, oldest first.</summary>
    public async ValueTask AcceptLiveAsync(ParsedTrade[] trades, int count, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        Status.AddTrades(count, now);
        var nowUs = FeedEvents.ToEpochMicroseconds(now);
        for (var i = 0; i < count; i++)
        {
            var message = Live(in trades[i], nowUs, receivedTimestamp);
            await _buffer.WriteTickAsync(message, cancellationToken);
        }
    }

    /// <summary>Takes one backfilled trade: published like a live one, without gap detection or imbalance.</summary>
    public ValueTask AcceptBackfilledAsync(in ParsedTrade trade, CancellationToken cancellationToken)
    {
        var market = _markets[trade.Symbol];
        var tick = trade.ToTick(Exchange);
        lock (market.Gate)
        {
            market.LastExchangeTimeUs = Math.Max(market.LastExchangeTimeUs, trade.ExchangeTimeUs);
        }

        var notional = trade.Price * trade.Quantity;
        if (market.Whales.IsLarge(notional))
        {
            RaiseLargeTrade(market, tick, notional);
        }

        var id = MessageHeaders.TickMessageId(Exchange, market.Symbol, tick.TradeId);
        return _buffer.WriteTickAsync(new OutboundMessage(market.TickSubject, id, TickType, tick.ToByteArray(), _clock.GetTimestamp()), cancellationToken);
    }

    /// <summary>Publishes a feed-health event for this connection.</summary>
    public void Report(FeedState state, string detail, string symbol = "", TradeIdGap gap = default, long backfilled = 0)
    {
        var now = _clock.GetUtcNow();
        if (symbol.Length == 0)
        {
            Status.SetState(state, detail, now);
        }

        var health = new FeedHealth
        {
            Exchange = Exchange,
            Symbol = symbol,
            State = state,
            Detail = detail,
            BackfilledTrades = backfilled,
            TimeUs = FeedEvents.ToEpochMicroseconds(now),
        };
        if (!gap.IsEmpty)
        {
            health.GapFirstTradeId = gap.First.ToString(System.Globalization.CultureInfo.InvariantCulture);
            health.GapLastTradeId = gap.Last.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Queue(FeedEvents.Health(health, Status.Connection));
    }

    /// <summary>Counts a malformed or unexpected frame and logs a truncated sample at a bounded rate.</summary>
    public void FrameProblem(in FrameResult result, ReadOnlySpan<byte> frame)
    {
        var kind = result.Kind == FrameKind.Malformed ? "malformed" : result.Kind == FrameKind.Unknown ? "unknown" : "refused";
        Status.FrameProblem();
        _metrics.FrameProblem(Exchange, kind);
        if (_sampler.TryTake(out var suppressed))
        {
            IngestorLog.FrameProblem(_logger, Exchange, kind, result.Error.ToString(), result.Field, suppressed, ProblemSampler.Truncate(frame));
        }
    }

    private OutboundMessage Live(in ParsedTrade trade, long nowUs, long receivedTimestamp)
    {
        var market = _markets[trade.Symbol];
        var tick = trade.ToTick(Exchange);
        var notional = trade.Price * trade.Quantity;
        TradeIdGap gap;
        WhaleKind imbalance;
        lock (market.Gate)
        {
            gap = _adapter.TradeIdsAreSequential ? market.Gaps.Observe(in trade) : TradeIdGap.None;
            market.LastExchangeTimeUs = Math.Max(market.LastExchangeTimeUs, trade.ExchangeTimeUs);
            imbalance = market.Whales.Observe(trade.ExchangeTimeUs, trade.AggressorSide, notional);
            if (imbalance != WhaleKind.Unspecified)
            {
                RaiseImbalance(market, tick, imbalance, market.Whales.BuyShare ?? 0);
            }
        }

        _metrics.TradesReceived(Exchange, market.Symbol, 1);
        _metrics.Lag(Exchange, (nowUs - trade.ExchangeTimeUs) / 1e6);
        if (!gap.IsEmpty)
        {
            OnGap(market, gap);
        }

        if (market.Whales.IsLarge(notional))
        {
            RaiseLargeTrade(market, tick, notional);
        }

        var id = MessageHeaders.TickMessageId(Exchange, market.Symbol, tick.TradeId);
        return new OutboundMessage(market.TickSubject, id, TickType, tick.ToByteArray(), receivedTimestamp);
    }

    private void OnGap(MarketState market, TradeIdGap gap)
    {
        Status.GapFound();
        _metrics.Gap(Exchange, market.Symbol, gap.Count);
        IngestorLog.GapDetected(_logger, Exchange, market.Symbol, gap.First, gap.Last, gap.Count);
        Report(FeedState.Gap, $"trade ids {gap.First}..{gap.Last} missing", market.Symbol, gap);
        GapFound?.Invoke(market.Symbol, gap);
    }

    private void RaiseLargeTrade(MarketState market, Tick tick, decimal notional)
    {
        _metrics.Whale(Exchange, "large_trade");
        IngestorLog.Whale(_logger, "large trade", Exchange, market.Symbol, notional);
        Queue(FeedEvents.Alert(
            new WhaleAlert
            {
                Exchange = Exchange,
                Symbol = market.Symbol,
                Kind = WhaleKind.LargeTrade,
                Side = tick.AggressorSide,
                NotionalUsd = FeedEvents.ToDecimalValue(notional),
                Price = tick.Price,
                Quantity = tick.Quantity,
                TradeId = tick.TradeId,
                TimeUs = tick.ExchangeTimeUs,
            },
            market.AlertSubject));
    }

    private void RaiseImbalance(MarketState market, Tick tick, WhaleKind kind, double buyShare)
    {
        var name = kind == WhaleKind.Accumulation ? "accumulation" : "distribution";
        _metrics.Whale(Exchange, name);
        IngestorLog.Whale(_logger, name, Exchange, market.Symbol, 0);
        Queue(FeedEvents.Alert(
            new WhaleAlert
            {
                Exchange = Exchange,
                Symbol = market.Symbol,
                Kind = kind,
                Side = kind == WhaleKind.Accumulation ? Side.Buy : Side.Sell,
                Price = tick.Price,
                TradeId = tick.TradeId,
                Imbalance = buyShare,
                TimeUs = tick.ExchangeTimeUs,
            },
            market.AlertSubject));
    }

    private void Queue(OutboundMessage message)
    {
        if (!_buffer.TryWriteEvent(message))
        {
            IngestorLog.EventDropped(_logger, message.Subject, _buffer.DroppedEvents);
        }
    }
}
