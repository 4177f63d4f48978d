using System.Text.Json;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>
/// One client connection to one exchange endpoint: its subscriptions, its protocol requests (subscribe, ping),
/// its trade frames, and the faults set on it. Trade frames of a <see cref="SharedFormat"/> are built once per
/// pump batch and shared by every session of that format.
/// </summary>
internal abstract class ExchangeSession(SimulatorHub hub, WebSocketConnection connection, string exchange) : IDisposable
{
    private int[] _subscriptions = [];
    private long _stalledUntilUs;
    private int _pendingMalformed;
    private int _malformedSent;
    private long _closeAtUs = long.MaxValue;

    public string Exchange { get; } = exchange;

    public WebSocketConnection Connection { get; } = connection;

    public string ConnectionId { get; } = hub.NextConnectionId();

    /// <summary>The shared trade format, or −1 when frames carry per-connection state and are built per session.</summary>
    public virtual int SharedFormat => -1;

    /// <summary>Subscribed symbol indices; replaced whole under the hub's lock, read by the pump.</summary>
    public int[] Subscriptions => Volatile.Read(ref _subscriptions);

    protected SimulatorHub Hub { get; } = hub;

    protected Utf8Writer Writer { get; } = new();

    public bool IsStalled(long nowUs) => nowUs < Volatile.Read(ref _stalledUntilUs);

    public void Stall(long untilUs) => Volatile.Write(ref _stalledUntilUs, untilUs);

    public void AddMalformed(int count) => Interlocked.Add(ref _pendingMalformed, count);

    /// <summary>Announces a close (where the exchange documents a notice) and closes at <paramref name="closeAtUs"/>.</summary>
    public virtual void AnnounceShutdown(long nowUs, long closeAtUs) => Volatile.Write(ref _closeAtUs, closeAtUs);

    /// <summary>Appends trade frames of one symbol to a shared block (only for shared formats).</summary>
    public virtual void EncodeShared(FrameBlock block, int symbol, ReadOnlySpan<SimulatedTrade> trades, long nowUs, Utf8Writer scratch) =>
        throw new NotSupportedException();

    /// <summary>Builds and queues trade frames for this session alone (formats with per-connection state).</summary>
    public virtual void SendOwnTrades(int symbol, ReadOnlySpan<SimulatedTrade> trades, long nowUs, Utf8Writer scratch) =>
        throw new NotSupportedException();

    /// <summary>Runs on the pump after each batch: pending malformed frames, keepalive, scheduled closes.</summary>
    public virtual void OnTick(long nowUs, Utf8Writer scratch)
    {
        if (IsStalled(nowUs))
        {
            return;
        }

        for (var n = Interlocked.Exchange(ref _pendingMalformed, 0); n > 0; n--)
        {
            scratch.Clear();
            WriteMalformed(_malformedSent++, scratch);
            Connection.Send(FrameBlock.Text, scratch.WrittenSpan);
        }

        if (nowUs >= Volatile.Read(ref _closeAtUs))
        {
            Volatile.Write(ref _closeAtUs, long.MaxValue);
            Connection.Close(1001, "Server shutdown");
        }
    }

    /// <summary>Reads requests until the client goes away or closes.</summary>
    public async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (await Connection.ReadAsync(cancellationToken) is { } frame)
        {
            switch (frame.Opcode)
            {
                case FrameBlock.Close:
                    Connection.Close(1000, string.Empty);
                    return;
                case FrameBlock.Ping:
                    if (!IsStalled(Hub.NowUs))
                    {
                        Connection.Send(FrameBlock.Pong, frame.Payload);
                    }

                    break;
                case FrameBlock.Pong:
                    OnPong();
                    break;
                default:
                    if (!IsStalled(Hub.NowUs))
                    {
                        OnMessage(frame.Payload);
                    }

                    break;
            }
        }
    }

    public virtual void Dispose()
    {
        Writer.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Answers one text or binary message from the client.</summary>
    protected abstract void OnMessage(byte[] payload);

    /// <summary>Writes the n-th malformed frame: a mix of broken JSON and wrongly typed trade fields.</summary>
    protected abstract void WriteMalformed(int n, Utf8Writer writer);

    protected virtual void OnPong()
    {
    }

    /// <summary>Sends one text frame unless stalled.</summary>
    protected void SendText(ReadOnlySpan<byte> payload)
    {
        if (!IsStalled(Hub.NowUs))
        {
            Connection.Send(FrameBlock.Text, payload);
        }
    }

    protected void SendWriter() => SendText(Writer.WrittenSpan);

    protected void SetSubscriptions(IEnumerable<int> symbols) => Volatile.Write(ref _subscriptions, [.. symbols.Distinct().Order()]);

    protected static JsonDocument? TryParse(byte[] payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected static string? StringOf(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
