using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Sofia.Testing.Tests;

/// <summary>Just enough of the NATS text protocol over a raw socket to make JetStream API requests.</summary>
internal sealed class NatsWire : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private int _requests;

    private NatsWire(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>The INFO line the server sent on connect.</summary>
    public string Info { get; private set; } = string.Empty;

    public static async Task<NatsWire> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var wire = new NatsWire(client);
        wire.Info = await wire._reader.ReadLineAsync(cancellationToken) ?? string.Empty;
        await wire.WriteAsync("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nSUB _INBOX.wire.* 1\r\n", cancellationToken);
        return wire;
    }

    /// <summary>Publishes <paramref name="payload"/> with a reply subject and returns the reply's payload.</summary>
    public async Task<string> RequestAsync(string subject, string payload, CancellationToken cancellationToken)
    {
        var inbox = string.Create(CultureInfo.InvariantCulture, $"_INBOX.wire.{++_requests}");
        var bytes = Encoding.UTF8.GetByteCount(payload);
        await WriteAsync($"PUB {subject} {inbox} {bytes}\r\n{payload}\r\n", cancellationToken);
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "PING")
            {
                await WriteAsync("PONG\r\n", cancellationToken);
            }
            else if (line.StartsWith("-ERR", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(line);
            }
            else if (line.StartsWith("MSG ", StringComparison.Ordinal))
            {
                // MSG <subject> <sid> <bytes>: the payload follows on the next line (ASCII JSON here).
                var parts = line.Split(' ');
                var body = await _reader.ReadLineAsync(cancellationToken) ?? string.Empty;
                if (parts[1] == inbox)
                {
                    return body;
                }
            }
        }

        throw new IOException("The NATS connection closed.");
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _reader.Dispose();
        _client.Dispose();
    }

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }
}
