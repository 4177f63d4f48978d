using System.Runtime.CompilerServices;
using Sofia.MarketData.Internal;
using Sofia.Trading;

namespace Sofia.MarketData;

/// <summary>
/// <see cref="IMarketStore"/> in this process's memory, for <c>sofia demo</c> and tests: nothing is written to disk, and
/// everything is gone with the object. Trades are de-duplicated by exchange + symbol + trade id; each minute keeps its
/// one-minute candle up to date as trades arrive (each trade once, so the sums are exact), and longer candles are rolled up
/// from those at read time, exactly as the ClickHouse store does. Memory is bounded per market by
/// <see cref="EmbeddedMarketStoreOptions"/>: the oldest minutes drop their trades first (candles stay), then the oldest
/// candles go; a trade older than the dropped trades is refused (<see cref="LateTradesRefused"/>), since it could no longer
/// be told from a duplicate. Thread-safe: one lock, held for an insert batch or while a read copies its answer.
/// </summary>
public sealed class EmbeddedMarketStore(EmbeddedMarketStoreOptions? options = null) : IMarketStore
{
    private const long MinuteUs = 60_000_000;
    private const int BarWindowMinutes = 1_440;
    private const int TickWindowMinutes = 60;

    private readonly EmbeddedMarketStoreOptions _options = options ?? new EmbeddedMarketStoreOptions();
    private readonly Lock _gate = new();
    private readonly List<EmbeddedMarket> _markets = [];
    private long _late;

    /// <summary>Trades refused because they were older than the trades the memory policy had dropped.</summary>
    public long LateTradesRefused => Interlocked.Read(ref _late);

    /// <inheritdoc/>
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => default;

    /// <inheritdoc/>
    public ValueTask InsertAsync(IReadOnlyList<MarketTick> ticks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            EmbeddedMarket? market = null;
            for (var i = 0; i < ticks.Count; i++)
            {
                var tick = ticks[i];
                if (market is null || !market.Is(tick.Exchange.Span, tick.Symbol.Span))
                {
                    market = FindOrAdd(tick);
                }

                market.TryAdd(tick.TradeId.Span, tick.Price, tick.Quantity, tick.Side, tick.ExchangeTimeUs, out var late);
                if (late)
                {
                    _late++;
                }
            }
        }

        return default;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Candle>> ReadCandlesAsync(
        string exchange,
        string symbol,
        CandleInterval interval,
        DateTimeOffset fromTime,
        DateTimeOffset toTime,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentNullException.ThrowIfNull(interval);
        var seconds = interval.Seconds;
        var first = interval.FirstOpenAtOrAfter(fromTime);
        var end = interval.FirstOpenAtOrAfter(toTime);
        var candles = new List<Candle>();
        lock (_gate)
        {
            if (Find(exchange, symbol) is not { } market || end <= first)
            {
                return Task.FromResult<IReadOnlyList<Candle>>(candles);
            }

            var minutes = market.Minutes;
            var i = market.IndexAtOrAfter(first);
            while (i < minutes.Count && minutes[i].StartSeconds < end)
            {
                // Minutes in time order: a bucket is a run of them, its open the first's and its close the last's.
                var bucket = EmbeddedMarket.FloorDiv(minutes[i].StartSeconds, seconds) * seconds;
                var head = minutes[i];
                Int128 high = head.High, low = head.Low, volume = 0, buyVolume = 0;
                long trades = 0;
                EmbeddedMinute last = head;
                for (; i < minutes.Count && minutes[i].StartSeconds < bucket + seconds && minutes[i].StartSeconds < end; i++)
                {
                    var minute = minutes[i];
                    high = Int128.Max(high, minute.High);
                    low = Int128.Min(low, minute.Low);
                    volume += minute.Volume;
                    buyVolume += minute.BuyVolume;
                    trades += minute.Trades;
                    last = minute;
                }

                var open = DateTimeOffset.FromUnixTimeSeconds(bucket);
                candles.Add(new Candle(
                    open,
                    open.AddSeconds(seconds),
                    MarketTick.ToDecimal(head.Open),
                    MarketTick.ToDecimal(high),
                    MarketTick.ToDecimal(low),
                    MarketTick.ToDecimal(last.Close),
                    MarketTick.ToDecimal(volume),
                    MarketTick.ToDecimal(buyVolume),
                    trades));
            }
        }

        return Task.FromResult<IReadOnlyList<Candle>>(candles);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LastPrice>> ReadLastPricesAsync(string symbol, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var prices = new List<LastPrice>();
        lock (_gate)
        {
            foreach (var market in _markets)
            {
                if (string.Equals(market.Symbol, symbol, StringComparison.Ordinal) && market.Minutes.Count > 0)
                {
                    var last = market.Minutes[^1];
                    prices.Add(new LastPrice(market.Exchange, MarketTick.ToDecimal(last.Close), DateTimeOffset.UnixEpoch.AddTicks(last.LastTimeUs * 10)));
                }
            }
        }

        prices.Sort(static (a, b) => string.CompareOrdinal(a.Exchange, b.Exchange));
        return Task.FromResult<IReadOnlyList<LastPrice>>(prices);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SymbolListing>> ReadSymbolsAsync(CancellationToken cancellationToken)
    {
        var bySymbol = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var market in _markets)
            {
                if (!bySymbol.TryGetValue(market.Symbol, out var exchanges))
                {
                    bySymbol[market.Symbol] = exchanges = [];
                }

                exchanges.Add(market.Exchange);
            }
        }

        var symbols = new List<SymbolListing>(bySymbol.Count);
        foreach (var (symbol, exchanges) in bySymbol)
        {
            exchanges.Sort(StringComparer.Ordinal);
            symbols.Add(new SymbolListing(symbol, exchanges));
        }

        return Task.FromResult<IReadOnlyList<SymbolListing>>(symbols);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<Bar> ReadMinuteBarsAsync(string exchange, string symbol, long fromUs, long toUs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentException.ThrowIfNullOrEmpty(symbol);

        // Bars open on whole minutes: the first at or after fromUs, the last before toUs; copied a day at a time.
        var next = -EmbeddedMarket.FloorDiv(-fromUs, MinuteUs) * 60;
        var bars = new List<Bar>(BarWindowMinutes);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bars.Clear();
            lock (_gate)
            {
                if (Find(exchange, symbol) is not { } market)
                {
                    yield break;
                }

                var minutes = market.Minutes;
                for (var i = market.IndexAtOrAfter(next); i < minutes.Count && bars.Count < BarWindowMinutes; i++)
                {
                    var minute = minutes[i];
                    if (minute.StartSeconds * 1_000_000 >= toUs)
                    {
                        break;
                    }

                    bars.Add(new Bar(
                        minute.StartSeconds * 1_000_000,
                        ToDouble(minute.Open),
                        ToDouble(minute.High),
                        ToDouble(minute.Low),
                        ToDouble(minute.Close),
                        ToDouble(minute.Volume)));
                }
            }

            foreach (var bar in bars)
            {
                yield return bar;
            }

            if (bars.Count < BarWindowMinutes)
            {
                yield break;
            }

            next = (bars[^1].OpenTimeUs / 1_000_000) + 60;
            await Task.Yield();
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<TradeTick> ReadTicksAsync(string exchange, string symbol, long fromUs, long toUs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(exchange);
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        var next = EmbeddedMarket.FloorDiv(fromUs, MinuteUs) * 60;
        var ticks = new List<TradeTick>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ticks.Clear();
            var more = false;
            lock (_gate)
            {
                if (Find(exchange, symbol) is not { } market)
                {
                    yield break;
                }

                var minutes = market.Minutes;
                var taken = 0;
                var i = market.IndexAtOrAfter(next);
                for (; i < minutes.Count && taken < TickWindowMinutes && minutes[i].StartSeconds * 1_000_000 < toUs; i++, taken++)
                {
                    foreach (var trade in minutes[i].OrderedTrades())
                    {
                        if (trade.TimeUs >= fromUs && trade.TimeUs < toUs)
                        {
                            ticks.Add(new TradeTick(trade.TimeUs, ToDouble(trade.Price), ToDouble(trade.Quantity), trade.Side == MarketTick.Buy));
                        }
                    }
                }

                more = i < minutes.Count && minutes[i].StartSeconds * 1_000_000 < toUs;
                if (more)
                {
                    next = minutes[i].StartSeconds;
                }
            }

            foreach (var tick in ticks)
            {
                yield return tick;
            }

            if (!more)
            {
                yield break;
            }

            await Task.Yield();
        }
    }

    private static double ToDouble(Int128 fixedPoint) => (double)MarketTick.ToDecimal(fixedPoint);

    private EmbeddedMarket? Find(string exchange, string symbol)
    {
        foreach (var market in _markets)
        {
            if (string.Equals(market.Exchange, exchange, StringComparison.Ordinal) && string.Equals(market.Symbol, symbol, StringComparison.Ordinal))
            {
                return market;
            }
        }

        return null;
    }

    private EmbeddedMarket FindOrAdd(in MarketTick tick)
    {
        foreach (var market in _markets)
        {
            if (market.Is(tick.Exchange.Span, tick.Symbol.Span))
            {
                return market;
            }
        }

        var added = new EmbeddedMarket(
            System.Text.Encoding.UTF8.GetString(tick.Exchange.Span),
            System.Text.Encoding.UTF8.GetString(tick.Symbol.Span),
            _options.MaxTradesPerMarket,
            _options.MaxMinutesPerMarket);
        _markets.Add(added);
        return added;
    }
}
