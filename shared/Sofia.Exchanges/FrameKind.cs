namespace Sofia.Exchanges;

/// <summary>What an inbound frame turned out to be.</summary>
public enum FrameKind
{
    /// <summary>Not classified (the default value; never returned by a parser).</summary>
    None = 0,

    /// <summary>One or more trades, written to the caller's buffer.</summary>
    Trades,

    /// <summary>The exchange accepted a subscribe request.</summary>
    SubscribeAck,

    /// <summary>The exchange rejected a request; <see cref="FrameResult.Code"/> and <see cref="FrameResult.Message"/> say why.</summary>
    SubscribeError,

    /// <summary>The answer to our keepalive ping.</summary>
    Pong,

    /// <summary>A server heartbeat (Coinbase).</summary>
    Heartbeat,

    /// <summary>The server announces that it closes this connection soon: reconnect early.</summary>
    ServerShutdown,

    /// <summary>Well-formed and recognised, but not consumed here (candles, aggregate trades, other channels).</summary>
    Ignored,

    /// <summary>Well-formed JSON of an unexpected shape, or a trade for a symbol outside the symbol map.</summary>
    Unknown,

    /// <summary>Not JSON, truncated, or a recognised message with missing or wrongly typed fields.</summary>
    Malformed,

    /// <summary>The frame holds more trades than the buffer; <see cref="FrameResult.TradeCount"/> is the size needed.</summary>
    BufferTooSmall,
}
