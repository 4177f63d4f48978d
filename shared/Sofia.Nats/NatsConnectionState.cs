namespace Sofia.Nats;

/// <summary>Where a connection is in its life.</summary>
public enum NatsConnectionState
{
    /// <summary>The first connection is being made.</summary>
    Connecting,

    /// <summary>Connected; commands go to the server.</summary>
    Connected,

    /// <summary>The connection was lost; publishes are buffered while it is re-established.</summary>
    Reconnecting,

    /// <summary>Closed for good (disposed, or reconnect attempts exhausted).</summary>
    Closed,
}
