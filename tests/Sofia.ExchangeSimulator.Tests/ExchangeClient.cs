using System.Net.WebSockets;
using Sofia.Exchanges;

namespace Sofia.ExchangeSimulator.Tests;

/// <summary>A real ClientWebSocket driven by the Sofia.Exchanges adapter, pointed at the simulator by base address only.</summary>
internal sealed class ExchangeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly ParsedTrade[] _trades = new ParsedTrade[ExchangeAdapter.RecommendedTradeBufferSize];
    private Task<ReadOnlyMemory<byte>?>? _pending;

    private ExchangeClient(ExchangeAdapter adapter, ConnectionPlan plan)
    {
        Adapter = adapter;
        Plan = plan;
    }

    public ExchangeAdapter Adapter { get; }

    public ConnectionPlan Plan { get; }

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The text of the last frame received.</summary>
    public string LastText { get; private set; } = string.Empty;

    public static ExchangeAdapter AdapterFor(ExchangeSimulatorServer server, string exchange, IEnumerable<string> symbols, ExchangeAdapterOptions? options = null) =>
        ExchangeAdapter.Create(
            SymbolMap.ForExchange(exchange, symbols),
            (options ?? new ExchangeAdapterOptions()) is var o
                ? o with { WebSocketEndpoint = o.WebSocketEndpoint ?? server.WebSocketUri(exchange), RestBaseAddress = server.BaseUri }
                : null);

    public static async Task<ExchangeClient> ConnectAsync(
        ExchangeSimulatorServer server, string exchange, string[] symbols, CancellationToken cancellationToken, ExchangeAdapterOptions? options = null)
    {
        var adapter = AdapterFor(server, exchange, symbols, options);
        var client = new ExchangeClient(adapter, adapter.PlanConnections().Single());
        await client._socket.ConnectAsync(client.Plan.Endpoint, cancellationToken);
        return client;
    }

    /// <summary>Sends the plan's subscribe messages and reads until every one is acknowledged.</summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken, int expectedAcks = -1)
    {
        foreach (var message in Plan.SubscribeMessages)
        {
            await SendAsync(message, cancellationToken);
        }

        // OKX acknowledges each subscribed arg; the others each message.
        var acks = expectedAcks >= 0 ? expectedAcks : Adapter.Exchange == ExchangeNames.Okx ? Plan.Symbols.Count : Plan.SubscribeMessages.Count;
        while (acks > 0)
        {
            var result = await NextAsync(cancellationToken);
            Assert.That(result.Kind, Is.AnyOf(FrameKind.SubscribeAck, FrameKind.Trades, FrameKind.Heartbeat), LastText);
            if (result.Kind == FrameKind.SubscribeAck)
            {
                acks--;
            }
        }
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>The next whole message, or null when the server closed.</summary>
    public Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_pending is { } pending)
        {
            _pending = null;
            return pending.WaitAsync(cancellationToken);
        }

        return ReceiveCoreAsync(cancellationToken);
    }

    private async Task<ReadOnlyMemory<byte>?> ReceiveCoreAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                LastText = System.Text.Encoding.UTF8.GetString(_buffer, 0, length);
                return _buffer.AsMemory(0, length);
            }
        }
    }

    /// <summary>Receives and parses one frame; its trades are in <see cref="Trades"/>.</summary>
    public async Task<FrameResult> NextAsync(CancellationToken cancellationToken)
    {
        var frame = await ReceiveAsync(cancellationToken) ?? throw new InvalidOperationException($"Closed: {_socket.CloseStatus}");
        return Adapter.Parse(frame.Span, 0, _trades);
    }

    public ReadOnlySpan<ParsedTrade> Trades(FrameResult result) => _trades.AsSpan(0, result.Kind == FrameKind.Trades ? result.TradeCount : 0);

    /// <summary>Reads frames until <paramref name="count"/> trades arrived; every frame on the way must be trades or a heartbeat.</summary>
    public async Task<List<ParsedTrade>> ReceiveTradesAsync(int count, CancellationToken cancellationToken)
    {
        var trades = new List<ParsedTrade>();
        while (trades.Count < count)
        {
            var result = await NextAsync(cancellationToken);
            Assert.That(result.Kind, Is.AnyOf(FrameKind.Trades, FrameKind.Heartbeat), LastText);
            foreach (var trade in Trades(result))
            {
                trades.Add(trade);
            }
        }

        return trades;
    }

    /// <summary>Whether a frame arrives within <paramref name="wait"/> of real time (the simulator's clock does not move meanwhile).</summary>
    public async Task<bool> ReceivesWithinAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            _pending ??= ReceiveCoreAsync(CancellationToken.None);
            await _pending.WaitAsync(timeout.Token);
            _pending = null;
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
