namespace Sofia.Nats.JetStream.Internal;

internal enum PullEventKind : byte
{
    Message,
    RequestDone,
    Heartbeat,
    Reconnected,
    Terminal,
}
