using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Sofia.Nats.Internal;

namespace Sofia.Nats;

public sealed partial class NatsConnection
{
    private const string ClientVersion = "1.0.0";

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var i = 0; i < _pool.Count; i++)
        {
            var server = _pool.Next();
            try
            {
                var transport = await OpenTransportAsync(server, cancellationToken);
                Log.Connected(_logger, server, transport.Info.Version);
                Raise(NatsConnectionEvent.Connected, server.ToString(), null);
                _runTask = RunAsync(transport);
                return;
            }
            catch (NatsServerErrorException ex) when (ex.IsAuthorizationError)
            {
                throw;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }
        }

        throw new NatsConnectionException($"Could not connect to any NATS server ({string.Join(", ", _options.Servers)}).", last);
    }

    /// <summary>Runs one transport after another until the connection is disposed or reconnecting gives up.</summary>
    private async Task RunAsync(Transport transport)
    {
        while (true)
        {
            var error = await RunTransportAsync(transport);
            if (_lifetime.IsCancellationRequested)
            {
                return;
            }

            OnDisconnected(transport, error);
            var next = await ReconnectAsync();
            if (next is null)
            {
                Close(error);
                return;
            }

            transport = next;
            NatsMetrics.Reconnects.Add(1);
            Log.Reconnected(_logger, transport.Server);
            Raise(NatsConnectionEvent.Reconnected, transport.Server.ToString(), null);
            foreach (var subscription in _subscriptions.Values)
            {
                subscription.OnReconnected();
            }
        }
    }

    private async Task<Exception?> RunTransportAsync(Transport transport)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var read = ReadLoopAsync(transport, stop.Token);
        var write = WriteLoopAsync(transport, stop.Token);
        var ping = PingLoopAsync(stop.Token);
        var first = await Task.WhenAny(read, write, ping);
        await stop.CancelAsync();
        await Task.WhenAll(read, write, ping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await transport.DisposeAsync();
        return first.Exception?.GetBaseException()
            ?? (_lifetime.IsCancellationRequested ? null : new NatsConnectionException("The connection ended."));
    }

    private void OnDisconnected(Transport transport, Exception? error)
    {
        TaskCompletionSource? drain;
        lock (_gate)
        {
            if (_state == NatsConnectionState.Connected)
            {
                _state = NatsConnectionState.Reconnecting;
            }

            // What the write loop had taken from the buffer may be half-sent; it is not resent.
            NatsMetrics.PendingBytes.Add(-_spare.Length);
            _spare.Clear();
            drain = _drainWaiter;
            _drainWaiter = null;
        }

        drain?.TrySetResult();
        FailPending(new NatsConnectionException("The connection to the server was lost.", error));
        Log.Disconnected(_logger, transport.Server, error);
        Raise(NatsConnectionEvent.Disconnected, transport.Server.ToString(), error);
    }

    private async Task<Transport?> ReconnectAsync()
    {
        var retry = new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(_ => !_lifetime.IsCancellationRequested),
            MaxRetryAttempts = _options.MaxReconnectAttempts < 0 ? int.MaxValue : _options.MaxReconnectAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.ReconnectDelay,
            MaxDelay = _options.ReconnectDelayMax,
            OnRetry = args =>
            {
                Log.ReconnectAttemptFailed(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                return default;
            },
        };
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _options.TimeProvider }.AddRetry(retry).Build();
        try
        {
            return await pipeline.ExecuteAsync(
                async token => await OpenTransportAsync(_pool.Next(), token),
                _lifetime.Token);
        }
        catch (Exception) when (_options.MaxReconnectAttempts >= 0 || _lifetime.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<Transport> OpenTransportAsync(ServerAddress server, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, token);
            stream = new NetworkStream(socket, ownsSocket: false);
            var info = await ReadInfoAsync(stream, token);
            LearnServers(info);
            if (info.TlsRequired || _options.TlsRequired || server.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = server.Host,
                        RemoteCertificateValidationCallback = _options.TlsCertificateValidation,
                        ClientCertificates = _options.TlsClientCertificates,
                    },
                    token);
            }

            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
            var transport = new Transport(server, socket, stream, reader, info);
            await HandshakeAsync(transport, token);
            return transport;
        }
        catch (Exception ex)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            socket.Dispose();
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new NatsConnectionException($"Connecting to {server} timed out.", ex);
            }

            if (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
            {
                throw new NatsConnectionException($"Connecting to {server} failed: {ex.Message}", ex);
            }

            throw;
        }
    }

    private async Task<NatsServerInfo> ReadInfoAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (buffer.Length >= ProtocolParser.MaxControlLine)
                {
                    throw new NatsProtocolException("INFO exceeds the maximum control line length.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken);
            if (read == 0)
            {
                throw new NatsConnectionException("The server closed the connection before sending INFO.");
            }

            count += read;
            var newline = buffer.AsSpan(0, count).IndexOf((byte)'\n');
            if (newline < 0)
            {
                continue;
            }

            var line = new ReadOnlySequence<byte>(buffer, 0, newline + 1);
            if (!_parser.TryRead(ref line, out var op))
            {
                throw new NatsProtocolException("Incomplete INFO.");
            }

            return op.Kind switch
            {
                ServerOpKind.Info => ParseInfo(op.Text.Span),
                ServerOpKind.Err => throw new NatsServerErrorException(System.Text.Encoding.UTF8.GetString(op.Text.Span), true),
                _ => throw new NatsProtocolException("The server did not start with INFO."),
            };
        }
    }

    private static NatsServerInfo ParseInfo(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, NatsJsonContext.Default.NatsServerInfo)
        ?? throw new NatsProtocolException("INFO carries no JSON object.");

    private async Task HandshakeAsync(Transport transport, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        ProtocolWriter.WriteConnect(buffer, BuildConnectJson(transport));
        ProtocolWriter.WritePing(buffer);
        await transport.Stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await transport.Stream.FlushAsync(cancellationToken);
        await WaitForFirstPongAsync(transport, cancellationToken);

        // Restore subscriptions before anything buffered meanwhile goes out.
        buffer.Clear();
        lock (_gate)
        {
            ThrowIfClosed();
            foreach (var subscription in _subscriptions.Values)
            {
                ProtocolWriter.WriteSubscribe(buffer, subscription.Subject, subscription.QueueGroup, subscription.Sid);
                if (subscription.MaxMessages > 0)
                {
                    ProtocolWriter.WriteUnsubscribe(buffer, subscription.Sid, Math.Max(1, subscription.MaxMessages - subscription.Received));
                }
            }

            // No inline write may reach the socket before the restored subscriptions.
            Volatile.Write(ref _writerBusy, 1);
            _transport = transport;
            _state = NatsConnectionState.Connected;
            _pingsOutstanding = 0;
        }

        try
        {
            if (buffer.WrittenCount > 0)
            {
                await transport.Stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
            }
        }
        catch
        {
            lock (_gate)
            {
                if (_state == NatsConnectionState.Connected)
                {
                    _state = NatsConnectionState.Reconnecting;
                }
            }

            throw;
        }
        finally
        {
            Volatile.Write(ref _writerBusy, 0);
        }
    }

    private async Task WaitForFirstPongAsync(Transport transport, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await transport.Reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var done = false;
            while (!done && _parser.TryRead(ref buffer, out var op))
            {
                switch (op.Kind)
                {
                    case ServerOpKind.Pong:
                        done = true;
                        break;
                    case ServerOpKind.Err:
                        throw new NatsServerErrorException(System.Text.Encoding.UTF8.GetString(op.Text.Span), true);
                    case ServerOpKind.Info:
                        transport.Info = ParseInfo(op.Text.Span);
                        LearnServers(transport.Info);
                        break;
                    case ServerOpKind.Ping:
                        await transport.Stream.WriteAsync("PONG\r\n"u8.ToArray(), cancellationToken);
                        break;
                    default:
                        break;
                }
            }

            transport.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (done)
            {
                return;
            }

            if (result.IsCompleted)
            {
                throw new NatsConnectionException("The server closed the connection during the handshake.");
            }
        }
    }

    private byte[] BuildConnectJson(Transport transport)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("verbose", false);
            json.WriteBoolean("pedantic", false);
            json.WriteBoolean("tls_required", transport.Stream is SslStream);
            json.WriteString("name", _options.Name);
            json.WriteString("lang", ".NET");
            json.WriteString("version", ClientVersion);
            json.WriteNumber("protocol", 1);
            json.WriteBoolean("echo", _options.Echo);
            json.WriteBoolean("headers", true);
            json.WriteBoolean("no_responders", true);
            var user = _options.User ?? transport.Server.User;
            var password = _options.Password ?? transport.Server.Password;
            if (user is not null)
            {
                json.WriteString("user", user);
                json.WriteString("pass", password ?? "");
            }

            if (_options.Token is not null)
            {
                json.WriteString("auth_token", _options.Token);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
