namespace Sofia.Nats;

/// <summary>
/// A publish was rejected because the connection is down and the reconnect buffer already holds
/// <see cref="NatsOptions.ReconnectBufferBytes"/> bytes. The message was not sent.
/// </summary>
public sealed class NatsReconnectBufferFullException : NatsException
{
    /// <summary>Creates the exception.</summary>
    public NatsReconnectBufferFullException(long bufferedBytes, long limitBytes)
        : base($"The connection is down and the reconnect buffer is full ({bufferedBytes} of {limitBytes} bytes); the message was not sent.")
    {
        BufferedBytes = bufferedBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>Bytes waiting for the reconnect.</summary>
    public long BufferedBytes { get; }

    /// <summary>The configured limit.</summary>
    public long LimitBytes { get; }
}
