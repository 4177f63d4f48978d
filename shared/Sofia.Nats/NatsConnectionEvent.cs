namespace Sofia.Nats;

/// <summary>Connection life events.</summary>
public enum NatsConnectionEvent
{
    /// <summary>The first connection succeeded.</summary>
    Connected,

    /// <summary>The connection was lost; reconnecting starts.</summary>
    Disconnected,

    /// <summary>A lost connection was re-established and subscriptions restored.</summary>
    Reconnected,

    /// <summary>The connection is closed for good.</summary>
    Closed,
}
