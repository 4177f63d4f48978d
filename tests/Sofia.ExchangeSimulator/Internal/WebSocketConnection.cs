using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sofia.ExchangeSimulator.Internal;

/// <summary>
/// The server side of one WebSocket (RFC 6455) over the upgraded HTTP stream. Outbound frames are prebuilt
/// <see cref="FrameBlock"/>s queued per connection and coalesced into large writes; a client whose queue grows
/// past the limit is cut off, as exchanges cut off slow consumers.
/// </summary>
internal sealed class WebSocketConnection
{
    private const int MaxMessageBytes = 1 << 20;
    private const int WriteChunk = 64 * 1024;
    private static readonly byte[] AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();

    private readonly HttpContext _context;
    private readonly IHttpUpgradeFeature _upgrade;
    private Stream _stream = Stream.Null;
    private readonly long _maxPendingBytes;
    private readonly Channel<FrameBlock> _outbound = Channel.CreateUnbounded<FrameBlock>(new UnboundedChannelOptions { SingleReader = true });
    private readonly byte[] _header = new byte[14];
    private long _pendingBytes;
    private int _closeSent;

    private WebSocketConnection(HttpContext context, IHttpUpgradeFeature upgrade, long maxPendingBytes)
    {
        _context = context;
        _upgrade = upgrade;
        _maxPendingBytes = maxPendingBytes;
    }

    /// <summary>Whether the connection was cut off for falling too far behind.</summary>
    public bool WasTooSlow { get; private set; }

    /// <summary>
    /// Checks the upgrade request and prepares the handshake answer, or answers 400 and returns null. Frames may be
    /// queued before <see cref="UpgradeAsync"/>, so a session is subscribed before the client learns it is connected.
    /// </summary>
    public static async Task<WebSocketConnection?> PrepareAsync(HttpContext context, long maxPendingBytes)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0
            || !context.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Expected a WebSocket upgrade.", context.RequestAborted);
            return null;
        }

        var keyBytes = Encoding.ASCII.GetBytes(key);
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the handshake; it protects nothing.
        var accept = Convert.ToBase64String(SHA1.HashData([.. keyBytes, .. AcceptGuid]));
#pragma warning restore CA5350
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = accept;
        return new WebSocketConnection(context, upgrade, maxPendingBytes);
    }

    /// <summary>Sends the 101 answer and switches to the WebSocket stream.</summary>
    public async Task UpgradeAsync() => _stream = await _upgrade.UpgradeAsync();

    /// <summary>Queues frames shared with other connections; false when the connection is closing or was just cut off as too slow.</summary>
    public bool Enqueue(FrameBlock block)
    {
        if (Volatile.Read(ref _closeSent) != 0)
        {
            return false;
        }

        if (Interlocked.Add(ref _pendingBytes, block.Length) > _maxPendingBytes)
        {
            Interlocked.Add(ref _pendingBytes, -block.Length);
            WasTooSlow = true;
            Abort();
            return false;
        }

        block.AddReference();
        if (!_outbound.Writer.TryWrite(block))
        {
            Interlocked.Add(ref _pendingBytes, -block.Length);
            block.Release();
            return false;
        }

        return true;
    }

    /// <summary>Queues one frame built for this connection alone.</summary>
    public bool Send(byte opcode, ReadOnlySpan<byte> payload)
    {
        var block = FrameBlock.Single(opcode, payload);
        var queued = Enqueue(block);
        block.Release();
        return queued;
    }

    /// <summary>Starts the closing handshake: queues a close frame and nothing after it.</summary>
    public void Close(ushort status, string reason)
    {
        Span<byte> payload = stackalloc byte[2 + Encoding.UTF8.GetMaxByteCount(reason.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, status);
        var length = 2 + Encoding.UTF8.GetBytes(reason, payload[2..]);
        var block = FrameBlock.Single(FrameBlock.Close, payload[..length]);
        if (Enqueue(block))
        {
            Volatile.Write(ref _closeSent, 1);
            _outbound.Writer.TryComplete();
        }

        block.Release();
    }

    /// <summary>Cuts the TCP connection without a closing handshake.</summary>
    public void Abort()
    {
        Volatile.Write(ref _closeSent, 1);
        _outbound.Writer.TryComplete();
        _context.Abort();
    }

    /// <summary>Writes queued frames until the queue completes or the peer goes away; coalesces small blocks.</summary>
    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(WriteChunk);
        try
        {
            var reader = _outbound.Reader;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                var filled = 0;
                while (reader.TryRead(out var block))
                {
                    var length = block.Length;
                    if (filled + length > chunk.Length && filled > 0)
                    {
                        await _stream.WriteAsync(chunk.AsMemory(0, filled), cancellationToken);
                        filled = 0;
                    }

                    if (length > chunk.Length)
                    {
                        await _stream.WriteAsync(block.Memory, cancellationToken);
                    }
                    else
                    {
                        block.Memory.Span.CopyTo(chunk.AsSpan(filled));
                        filled += length;
                    }

                    Interlocked.Add(ref _pendingBytes, -length);
                    block.Release();
                }

                if (filled > 0)
                {
                    await _stream.WriteAsync(chunk.AsMemory(0, filled), cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            while (_outbound.Reader.TryRead(out var left))
            {
                left.Release();
            }
        }
    }

    /// <summary>
    /// Reads the next complete message or control frame (fragments are joined). Returns null at the end of the
    /// stream. The payload is valid until the next call.
    /// </summary>
    public async ValueTask<InboundFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        byte[]? message = null;
        var messageLength = 0;
        byte messageOpcode = 0;
        while (true)
        {
            if (!await ReadExactlyOrEndAsync(_header.AsMemory(0, 2), cancellationToken))
            {
                return null;
            }

            var fin = (_header[0] & 0x80) != 0;
            var opcode = (byte)(_header[0] & 0x0F);
            var masked = (_header[1] & 0x80) != 0;
            long length = _header[1] & 0x7F;
            if (length == 126)
            {
                await _stream.ReadExactlyAsync(_header.AsMemory(2, 2), cancellationToken);
                length = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2));
            }
            else if (length == 127)
            {
                await _stream.ReadExactlyAsync(_header.AsMemory(2, 8), cancellationToken);
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2));
            }

            if (!masked || length > MaxMessageBytes || messageLength + length > MaxMessageBytes)
            {
                // Clients must mask (RFC 6455 5.1); oversized messages are refused.
                Close(masked ? (ushort)1009 : (ushort)1002, masked ? "Message too big" : "Unmasked client frame");
                return null;
            }

            await _stream.ReadExactlyAsync(_header.AsMemory(10, 4), cancellationToken);
            var payload = new byte[length];
            await _stream.ReadExactlyAsync(payload, cancellationToken);
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= _header[10 + (i & 3)];
            }

            if (opcode >= 0x8)
            {
                return new InboundFrame(opcode, payload);
            }

            if (opcode != 0)
            {
                messageOpcode = opcode;
                message = payload;
                messageLength = payload.Length;
            }
            else if (message is not null)
            {
                Array.Resize(ref message, messageLength + payload.Length);
                payload.CopyTo(message.AsSpan(messageLength));
                messageLength += payload.Length;
            }

            if (fin && message is not null)
            {
                return new InboundFrame(messageOpcode, message);
            }
        }
    }

    private async ValueTask<bool> ReadExactlyOrEndAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == buffer.Length;
    }
}
