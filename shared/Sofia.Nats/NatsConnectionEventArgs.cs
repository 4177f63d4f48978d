namespace Sofia.Nats;

/// <summary>Describes a connection life event.</summary>
public sealed class NatsConnectionEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public NatsConnectionEventArgs(NatsConnectionEvent connectionEvent, string? server, Exception? error)
    {
        Event = connectionEvent;
        Server = server;
        Error = error;
    }

    /// <summary>What happened.</summary>
    public NatsConnectionEvent Event { get; }

    /// <summary>The server concerned, as host:port.</summary>
    public string? Server { get; }

    /// <summary>Why the connection was lost or closed, when known.</summary>
    public Exception? Error { get; }
}
