using System.Diagnostics;
using Sofia.Nats.Internal;

namespace Sofia.Nats;

public sealed partial class NatsConnection
{
    /// <summary>Below this size a quiet connection's commands are written by the caller itself.</summary>
    private const int InlineWriteLimit = 16 * 1024;

    /// <summary>A connection is quiet when nothing was written for this long (100 µs): then latency matters more than batching.</summary>
    private static readonly long QuietTicks = Stopwatch.Frequency / 10_000;

    /// <summary>1 while the write loop or an inline writer owns the socket.</summary>
    private int _writerBusy;
    private long _lastWrite;

    /// <summary>
    /// Hands buffered commands to the socket: on a quiet connection the caller writes them at once
    /// (saving the write loop's thread hop, which is most of a request's latency); under load the
    /// write loop batches them.
    /// </summary>
    private void SignalWriter()
    {
        if (!TryWriteInline())
        {
            _writeSignal.Writer.TryWrite(true);
        }
    }

    private bool TryWriteInline()
    {
        var transport = _transport;
        if (transport is null || _state != NatsConnectionState.Connected
            || Stopwatch.GetTimestamp() - Volatile.Read(ref _lastWrite) < QuietTicks
            || Interlocked.CompareExchange(ref _writerBusy, 1, 0) != 0)
        {
            return false;
        }

        CommandBuffer? toSend = null;
        try
        {
            lock (_gate)
            {
                if (_state != NatsConnectionState.Connected || _active.Length is 0 or > InlineWriteLimit)
                {
                    return false;
                }

                toSend = _active;
                _active = _spare;
                _spare = toSend;
            }

            var length = toSend.Length;
            transport.Stream.Write(toSend.WrittenMemory.Span);
            NatsMetrics.BytesOut.Add(length);
            NatsMetrics.PendingBytes.Add(-length);
            lock (_gate)
            {
                toSend.Clear();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // The read loop notices the broken connection and reconnects; like a failed loop write, this data is lost.
        }
        finally
        {
            Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());
            Volatile.Write(ref _writerBusy, 0);
        }

        // Whatever arrived meanwhile goes through the loop.
        _writeSignal.Writer.TryWrite(true);
        return true;
    }

    private async Task WriteLoopAsync(Transport transport, CancellationToken cancellationToken)
    {
        var stream = transport.Stream;
        var signal = _writeSignal.Reader;
        while (true)
        {
            if (Interlocked.CompareExchange(ref _writerBusy, 1, 0) != 0)
            {
                // An inline writer owns the socket; it signals when it is done.
                await signal.ReadAsync(cancellationToken);
                continue;
            }

            CommandBuffer? toSend = null;
            TaskCompletionSource? drain;
            try
            {
                lock (_gate)
                {
                    if (_active.Length > 0)
                    {
                        toSend = _active;
                        _active = _spare;
                        _spare = toSend;
                    }

                    drain = _drainWaiter;
                    _drainWaiter = null;
                }

                drain?.TrySetResult();
                if (toSend is not null)
                {
                    var length = toSend.Length;
                    await stream.WriteAsync(toSend.WrittenMemory, cancellationToken);
                    NatsMetrics.BytesOut.Add(length);
                    NatsMetrics.PendingBytes.Add(-length);
                    lock (_gate)
                    {
                        toSend.Clear();
                    }
                }
            }
            finally
            {
                if (toSend is not null)
                {
                    Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());
                }

                Volatile.Write(ref _writerBusy, 0);
            }

            if (toSend is null)
            {
                await signal.ReadAsync(cancellationToken);
            }
        }
    }
}
