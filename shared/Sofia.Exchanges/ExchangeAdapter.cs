using System.Text.Json;
using Sofia.Exchanges.Binance;
using Sofia.Exchanges.Bybit;
using Sofia.Exchanges.Coinbase;
using Sofia.Exchanges.Okx;

namespace Sofia.Exchanges;

/// <summary>
/// The message layer of one exchange's public trade stream: connection plans with subscribe requests,
/// keepalive rules, frame parsing to <see cref="ParsedTrade"/>s, and REST backfill. Pure and thread-safe:
/// one instance can serve every connection of its exchange.
/// </summary>
public abstract class ExchangeAdapter
{
    /// <summary>A trade buffer size that holds the frames seen in practice; a larger frame is reported as <see cref="FrameKind.BufferTooSmall"/> with the size it needs.</summary>
    public const int RecommendedTradeBufferSize = 1024;

    private protected ExchangeAdapter(SymbolMap symbols, ExchangeAdapterOptions options)
    {
        Symbols = symbols;
        Options = options;
    }

    /// <summary>The lower-case exchange name.</summary>
    public string Exchange => Symbols.Exchange;

    /// <summary>The markets and their exchange spellings.</summary>
    public SymbolMap Symbols { get; }

    /// <summary>How connections stay alive.</summary>
    public abstract KeepAlive KeepAlive { get; }

    /// <summary>Whether trade ids are consecutive per market, so a <see cref="TradeIdGapDetector"/> finds missed trades.</summary>
    public abstract bool TradeIdsAreSequential { get; }

    private protected ExchangeAdapterOptions Options { get; }

    /// <summary>Creates the adapter for the exchange of <paramref name="symbols"/> (see <see cref="ExchangeNames"/>).</summary>
    public static ExchangeAdapter Create(SymbolMap symbols, ExchangeAdapterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        options ??= new ExchangeAdapterOptions();
        return symbols.Exchange switch
        {
            ExchangeNames.Binance => new BinanceAdapter(symbols, options),
            ExchangeNames.Bybit => new BybitAdapter(symbols, options),
            ExchangeNames.Okx => new OkxAdapter(symbols, options),
            ExchangeNames.Coinbase => new CoinbaseAdapter(symbols, options),
            _ => throw new ArgumentException($"Unknown exchange '{symbols.Exchange}'.", nameof(symbols)),
        };
    }

    /// <summary>Splits the symbols over connections within the exchange's limits and builds each one's subscribe frames.</summary>
    public abstract IReadOnlyList<ConnectionPlan> PlanConnections();

    /// <summary>
    /// Classifies one inbound WebSocket frame and writes its trades, oldest first, to <paramref name="trades"/>.
    /// Never throws for bad input: malformed or unexpected frames come back as a kind with a reason.
    /// </summary>
    public FrameResult Parse(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades) =>
        Guard(frame, receiveTimeUs, trades, null, backfill: false);

    /// <summary>Builds the REST request that fills <paramref name="gap"/>, or fetches recent trades when the gap is empty.</summary>
    public abstract BackfillRequest BuildBackfillRequest(string canonicalSymbol, TradeIdGap gap);

    /// <summary>Parses a backfill response body into trades for <paramref name="canonicalSymbol"/>, oldest first.</summary>
    public FrameResult ParseBackfillResponse(ReadOnlySpan<byte> body, string canonicalSymbol, long receiveTimeUs, Span<ParsedTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(canonicalSymbol);
        return Guard(body, receiveTimeUs, trades, canonicalSymbol, backfill: true);
    }

    private protected abstract FrameResult ParseFrame(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades);

    private protected abstract FrameResult ParseBackfill(ReadOnlySpan<byte> body, string canonicalSymbol, long receiveTimeUs, Span<ParsedTrade> trades);

    private protected Uri WebSocketEndpoint(string defaultAddress) => Options.WebSocketEndpoint ?? new Uri(defaultAddress);

    private protected Uri RestAddress(string defaultBase, string pathAndQuery) =>
        new(Options.RestBaseAddress ?? new Uri(defaultBase), pathAndQuery);

    private FrameResult Guard(ReadOnlySpan<byte> frame, long receiveTimeUs, Span<ParsedTrade> trades, string? symbol, bool backfill)
    {
        if (frame.IsEmpty)
        {
            return FrameResult.Malformed(FrameError.Empty);
        }

        try
        {
            return backfill ? ParseBackfill(frame, symbol!, receiveTimeUs, trades) : ParseFrame(frame, receiveTimeUs, trades);
        }
        catch (JsonException)
        {
            return FrameResult.Malformed(FrameError.InvalidJson);
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader raises this when a value is read as the wrong token type.
            return FrameResult.Malformed(FrameError.WrongType);
        }
    }
}
