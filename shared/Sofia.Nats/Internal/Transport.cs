using System.IO.Pipelines;
using System.Net.Sockets;

namespace Sofia.Nats.Internal;

/// <summary>One established connection to one server: socket, stream (maybe TLS) and the pipe reading it.</summary>
internal sealed class Transport : IAsyncDisposable
{
    public Transport(ServerAddress server, Socket socket, Stream stream, PipeReader reader, NatsServerInfo info)
    {
        Server = server;
        Socket = socket;
        Stream = stream;
        Reader = reader;
        Info = info;
    }

    public ServerAddress Server { get; }

    public Socket Socket { get; }

    public Stream Stream { get; }

    public PipeReader Reader { get; }

    public NatsServerInfo Info { get; set; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }

        await Reader.CompleteAsync();
        await Stream.DisposeAsync();
        Socket.Dispose();
    }
}
