using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sofia.ExchangeSimulator.Exchanges;
using Sofia.ExchangeSimulator.Internal;

namespace Sofia.ExchangeSimulator;

/// <summary>
/// A local server on 127.0.0.1 that speaks Binance, Bybit, OKX and Coinbase public trade WebSockets and their
/// REST trade endpoints at the real paths, fed by one <see cref="MarketSimulator"/>, with commands that inject
/// the faults an ingestor must survive. Point a client at <see cref="WebSocketUri"/> and <see cref="BaseUri"/>.
/// </summary>
public sealed class ExchangeSimulatorServer : IAsyncDisposable
{
    /// <summary>Binance spot.</summary>
    public const string Binance = "binance";

    /// <summary>Bybit v5 spot.</summary>
    public const string Bybit = "bybit";

    /// <summary>OKX v5.</summary>
    public const string Okx = "okx";

    /// <summary>Coinbase Advanced Trade.</summary>
    public const string Coinbase = "coinbase";

    private static readonly string[] AllExchanges = [Binance, Bybit, Okx, Coinbase];
    private readonly WebApplication _app;
    private readonly SimulatorHub _hub;

    private ExchangeSimulatorServer(WebApplication app, SimulatorHub hub, IReadOnlyList<string> exchanges)
    {
        _app = app;
        _hub = hub;
        Exchanges = exchanges;
    }

    /// <summary>The HTTP base address, e.g. <c>http://127.0.0.1:41234/</c>: the REST base of every exchange.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The exchanges served.</summary>
    public IReadOnlyList<string> Exchanges { get; }

    /// <summary>The canonical symbols traded.</summary>
    public IReadOnlyList<string> Symbols => _hub.Symbols.Canonical;

    /// <summary>The total trade rate; a change applies from the clock's time of the change.</summary>
    public double TradesPerSecond
    {
        get => _hub.Market.TradesPerSecond;
        set
        {
            _hub.Market.TradesPerSecond = value;
            Log.Rate(_hub.Logger, value);
        }
    }

    internal SimulatorHub Hub => _hub;

    /// <summary>Trades generated so far over all symbols.</summary>
    public long TradesGenerated => _hub.Market.TradesGenerated;

    /// <summary>Starts listening; the market's timeline starts at the clock's current time.</summary>
    public static async Task<ExchangeSimulatorServer> StartAsync(
        ExchangeSimulatorOptions options, TimeProvider? clock, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unknown = options.Exchanges.Except(AllExchanges, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 || options.Exchanges.Count == 0)
        {
            throw new ArgumentException($"Unknown exchanges: {string.Join(", ", unknown)}; choose from {string.Join(", ", AllExchanges)}.", nameof(options));
        }

        if (options.HistoryCapacity < 1 || options.MaxTradesPerFrame < 1 || options.MaxPendingBytesPerConnection < 1 || options.PumpInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("History capacity, trades per frame, pending bytes and the pump interval must be positive.", nameof(options));
        }

        clock ??= TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var hub = new SimulatorHub(options, clock, loggerFactory.CreateLogger<ExchangeSimulatorServer>());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ExchangeSimulatorServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(hub);
        builder.Services.AddHostedService<MarketPump>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var exchanges = options.Exchanges.Distinct(StringComparer.Ordinal).ToList();
        var server = new ExchangeSimulatorServer(app, hub, exchanges);
        server.MapEndpoints(options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            hub.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        Log.Listening(hub.Logger, server.BaseUri, exchanges);
        return server;
    }

    /// <summary>
    /// The WebSocket address the client layer connects to: Binance <c>/stream</c> (combined; <c>/ws</c> for raw
    /// payloads), Bybit <c>/v5/public/spot</c>, OKX <c>/ws/v5/public</c> (<c>/ws/v5/business</c> for trades-all),
    /// Coinbase <c>/</c>.
    /// </summary>
    public Uri WebSocketUri(string exchange)
    {
        var path = exchange switch
        {
            Binance => "stream",
            Bybit => "v5/public/spot",
            Okx => "ws/v5/public",
            Coinbase => string.Empty,
            _ => throw new ArgumentException($"Unknown exchange '{exchange}'.", nameof(exchange)),
        };
        return new Uri(new UriBuilder(BaseUri) { Scheme = "ws" }.Uri, path);
    }

    /// <summary>Open WebSocket connections, for one exchange or all.</summary>
    public int ConnectionCount(string? exchange = null) => _hub.Sessions(exchange).Length;

    /// <summary>The newest trade id of a symbol (0 before its first trade).</summary>
    public long LastTradeId(string symbol) => _hub.Histories[Index(symbol)].LastId;

    /// <summary>Up to <paramref name="count"/> recorded trades of a symbol from id <paramref name="fromId"/> upward, oldest first (the truth to compare with).</summary>
    public IReadOnlyList<SimulatedTrade> GetTrades(string symbol, long fromId, int count) => _hub.Histories[Index(symbol)].From(fromId, count);

    /// <summary>Cuts connections without a closing handshake, as a network failure would; returns how many.</summary>
    public int DropConnections(string? exchange = null) => Apply("drop", exchange, "abort", s => s.Connection.Abort());

    /// <summary>Silences connections for <paramref name="duration"/> of the clock: no trades, keepalives or answers; trades meanwhile are lost to them but stay in the REST history.</summary>
    public int Stall(TimeSpan duration, string? exchange = null)
    {
        var until = _hub.NowUs + (long)duration.TotalMicroseconds;
        return Apply("stall", exchange, duration.ToString(), s => s.Stall(until));
    }

    /// <summary>Sends <paramref name="count"/> malformed text frames (truncated JSON, wrongly typed fields, non-JSON) on each connection at the next pump.</summary>
    public int SendMalformedFrames(int count, string? exchange = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return Apply("malformed", exchange, count.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.AddMalformed(count));
    }

    /// <summary>Leaves the next <paramref name="count"/> trades of <paramref name="symbol"/> out of every stream; they stay in the REST history, so backfill recovers them.</summary>
    public void SkipTradeIds(string symbol, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _hub.SkipTradeIds(Index(symbol), count);
        Log.SkipIds(_hub.Logger, symbol, count);
    }

    /// <summary>
    /// Announces a planned close where the exchange documents one (Binance <c>serverShutdown</c>, OKX <c>notice</c>
    /// 64008) and closes those connections (1001) after <paramref name="closeAfter"/> of the clock; returns how many.
    /// </summary>
    public int AnnounceShutdown(string exchange, TimeSpan closeAfter)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var now = _hub.NowUs;
        var closeAt = now + (long)closeAfter.TotalMicroseconds;
        return Apply("shutdown-notice", exchange, closeAfter.ToString(), s => s.AnnounceShutdown(now, closeAt));
    }

    /// <summary>Stops listening and cuts every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _hub.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private int Apply(string fault, string? exchange, string detail, Action<ExchangeSession> action)
    {
        if (exchange is not null && !AllExchanges.Contains(exchange, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown exchange '{exchange}'.", nameof(exchange));
        }

        var sessions = _hub.Sessions(exchange);
        foreach (var session in sessions)
        {
            action(session);
        }

        Log.Fault(_hub.Logger, fault, exchange ?? "all", detail, sessions.Length);
        return sessions.Length;
    }

    private int Index(string symbol) =>
        _hub.TrySymbol(symbol, out var index) ? index : throw new KeyNotFoundException($"{symbol} is not simulated.");

    private void MapEndpoints(ExchangeSimulatorOptions options)
    {
        var served = Exchanges.ToHashSet(StringComparer.Ordinal);
        if (served.Contains(Binance))
        {
            _app.Map("/ws", c => RunAsync(c, conn => new BinanceSession(_hub, conn, combined: false, [])));
            _app.Map("/ws/{**streams}", (HttpContext c, string streams) => RunAsync(c, conn => new BinanceSession(_hub, conn, combined: false, streams.Split('/'))));
            _app.Map("/stream", c => RunAsync(c, conn => new BinanceSession(_hub, conn, combined: true, c.Request.Query["streams"].ToString().Split('/'))));
        }

        if (served.Contains(Bybit))
        {
            _app.Map("/v5/public/spot", c => RunAsync(c, conn => new BybitSession(_hub, conn)));
        }

        if (served.Contains(Okx))
        {
            _app.Map("/ws/v5/public", c => RunAsync(c, conn => new OkxSession(_hub, conn, business: false)));
            _app.Map("/ws/v5/business", c => RunAsync(c, conn => new OkxSession(_hub, conn, business: true)));
        }

        if (served.Contains(Coinbase))
        {
            _app.Map("/", c => RunAsync(c, conn => new CoinbaseSession(_hub, conn)));
        }

        RestEndpoints.Map(_app, _hub, served);
        if (options.ControlEndpoints)
        {
            ControlEndpoints.Map(_app, this);
        }
    }

    private async Task RunAsync(HttpContext context, Func<WebSocketConnection, ExchangeSession> create)
    {
        var connection = await WebSocketConnection.PrepareAsync(context, _hub.Options.MaxPendingBytesPerConnection);
        if (connection is null)
        {
            return;
        }

        using var session = create(connection);
        _hub.Register(session);
        Log.Connected(_hub.Logger, session.Exchange, session.ConnectionId);
        try
        {
            await connection.UpgradeAsync();
            await new SessionRunner(session, context.RequestAborted).RunAsync();
        }
        finally
        {
            _hub.Unregister(session);
            if (connection.WasTooSlow)
            {
                Log.TooSlow(_hub.Logger, session.Exchange, session.ConnectionId, _hub.Options.MaxPendingBytesPerConnection);
            }

            Log.Disconnected(_hub.Logger, session.Exchange, session.ConnectionId);
        }
    }
}
