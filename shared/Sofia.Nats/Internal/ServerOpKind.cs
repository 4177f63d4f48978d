namespace Sofia.Nats.Internal;

/// <summary>The operations a NATS server sends to a client.</summary>
internal enum ServerOpKind : byte
{
    None,
    Msg,
    HMsg,
    Ping,
    Pong,
    Ok,
    Err,
    Info,
}
