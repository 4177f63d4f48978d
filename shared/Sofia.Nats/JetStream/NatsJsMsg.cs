using System.Globalization;

namespace Sofia.Nats.JetStream;

/// <summary>A message delivered by a JetStream consumer, with its acknowledgements.</summary>
public readonly struct NatsJsMsg
{
    private static readonly byte[] Ack = "+ACK"u8.ToArray();
    private static readonly byte[] Nak = "-NAK"u8.ToArray();
    private static readonly byte[] Progress = "+WPI"u8.ToArray();
    private static readonly byte[] Term = "+TERM"u8.ToArray();

    private readonly NatsJsContext? _js;

    internal NatsJsMsg(NatsMsg msg, NatsJsContext js)
    {
        Msg = msg;
        _js = js;
    }

    /// <summary>The underlying message.</summary>
    public NatsMsg Msg { get; }

    /// <summary>The subject it was published to.</summary>
    public string Subject => Msg.Subject;

    /// <summary>The payload.</summary>
    public ReadOnlyMemory<byte> Data => Msg.Data;

    /// <summary>Headers, or null.</summary>
    public NatsHeaders? Headers => Msg.Headers;

    /// <summary>Stream, consumer, delivery count, sequences and time, from the ack subject.</summary>
    /// <exception cref="InvalidOperationException">The message has no JetStream ack subject.</exception>
    public NatsJsMsgMetadata Metadata =>
        (Msg.ReplyToUtf8.IsEmpty ? NatsJsMsgMetadata.TryParse(Msg.ReplyTo, out var metadata) : NatsJsMsgMetadata.TryParse(Msg.ReplyToUtf8, out metadata))
            ? metadata
            : throw new InvalidOperationException("The message has no JetStream ack subject.");

    /// <summary>Its stream sequence alone, read from the ack subject without creating strings.</summary>
    /// <exception cref="InvalidOperationException">The message has no JetStream ack subject.</exception>
    public ulong StreamSequence =>
        !Msg.ReplyToUtf8.IsEmpty && NatsJsMsgMetadata.TryParseStreamSequence(Msg.ReplyToUtf8, out var sequence)
            ? sequence
            : Metadata.StreamSequence;

    /// <summary>Acknowledges the message.</summary>
    public ValueTask AckAsync(CancellationToken cancellationToken = default) => SendAsync(Ack, cancellationToken);

    /// <summary>Acknowledges and waits until the server confirms it recorded the ack.</summary>
    public async Task AckAndWaitAsync(CancellationToken cancellationToken = default)
    {
        var (js, replyTo) = Target();
        await js.Connection.RequestAsync(replyTo, Ack, timeout: js.Options.RequestTimeout, cancellationToken: cancellationToken);
    }

    /// <summary>Asks for redelivery, after <paramref name="delay"/> when given.</summary>
    public ValueTask NakAsync(TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (delay is not { } wait || wait <= TimeSpan.Zero)
        {
            return SendAsync(Nak, cancellationToken);
        }

        var body = string.Create(CultureInfo.InvariantCulture, $"-NAK {{\"delay\": {wait.Ticks * 100}}}");
        return SendAsync(System.Text.Encoding.ASCII.GetBytes(body), cancellationToken);
    }

    /// <summary>Tells the server work is still in progress, resetting the ack wait.</summary>
    public ValueTask InProgressAsync(CancellationToken cancellationToken = default) => SendAsync(Progress, cancellationToken);

    /// <summary>
    /// Stops redelivery for good. The reason is sent only to 2.10+ servers: 2.9 does not understand
    /// <c>+TERM &lt;reason&gt;</c> and would redeliver.
    /// </summary>
    public ValueTask TermAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        var js = Context();
        if (reason is null || !js.ServerIs210OrNewer)
        {
            return SendAsync(Term, cancellationToken);
        }

        return SendAsync(System.Text.Encoding.UTF8.GetBytes("+TERM " + reason), cancellationToken);
    }

    private ValueTask SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        var js = Context();
        return Msg.PublishToReplyAsync(js.Connection, body, cancellationToken);
    }

    private NatsJsContext Context() =>
        _js is not null && Msg.HasReplyTo
            ? _js
            : throw new InvalidOperationException("The message cannot be acknowledged (no ack subject).");

    private (NatsJsContext Js, string ReplyTo) Target() => (Context(), Msg.ReplyTo!);
}
