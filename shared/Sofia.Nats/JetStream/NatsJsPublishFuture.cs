using System.Threading.Tasks.Sources;

namespace Sofia.Nats.JetStream;

/// <summary>
/// The pending ack of one message sent through <c>NatsJsAsyncPublisher.PublishWithAckAsync</c>.
/// Await <see cref="GetAckAsync"/> exactly once: its pooled completion is reused after that.
/// </summary>
public readonly struct NatsJsPublishFuture
{
    private readonly IValueTaskSource<NatsJsPublishAck>? _source;
    private readonly short _token;

    internal NatsJsPublishFuture(IValueTaskSource<NatsJsPublishAck> source, short token)
    {
        _source = source;
        _token = token;
    }

    /// <summary>Completes when this message's ack arrives; throws what made it fail.</summary>
    /// <exception cref="NatsJsApiException">The server refused the message.</exception>
    /// <exception cref="NatsNoRespondersException">No stream listens on the subject.</exception>
    /// <exception cref="NatsRequestTimeoutException">No ack within the ack timeout (after any retries).</exception>
    /// <exception cref="ObjectDisposedException">The publisher was disposed first.</exception>
    public ValueTask<NatsJsPublishAck> GetAckAsync() =>
        _source is null ? throw new InvalidOperationException("The future was not created by a publisher.") : new(_source, _token);
}
