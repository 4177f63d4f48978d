namespace Sofia.Exchanges;

/// <summary>How a connection stays alive.</summary>
public enum KeepAliveMode
{
    /// <summary>The server sends WebSocket ping frames; the WebSocket layer answers with pong frames (Binance). Nothing to send.</summary>
    AnswerServerPings,

    /// <summary>Send <see cref="KeepAlive.Message"/> every <see cref="KeepAlive.Interval"/> (Bybit).</summary>
    SendPeriodically,

    /// <summary>Send <see cref="KeepAlive.Message"/> when nothing was received for <see cref="KeepAlive.Interval"/> (OKX).</summary>
    SendWhenIdle,

    /// <summary>A subscribed heartbeat channel keeps the connection open; nothing to send (Coinbase).</summary>
    HeartbeatChannel,
}
