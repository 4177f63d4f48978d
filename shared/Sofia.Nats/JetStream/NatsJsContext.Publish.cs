using System.Globalization;
using System.Text.Json;
using Sofia.Nats.Internal;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

public sealed partial class NatsJsContext
{
    /// <summary>Publishes to a stream and waits for its acknowledgement.</summary>
    /// <exception cref="NatsJsApiException">The stream rejected the message (e.g. a failed expectation, error code 10071).</exception>
    /// <exception cref="NatsNoRespondersException">No stream captures the subject (after the retries).</exception>
    /// <exception cref="NatsRequestTimeoutException">No ack in time (after the retries).</exception>
    public async Task<PubAck> PublishAsync(
        string subject,
        ReadOnlyMemory<byte> data = default,
        NatsJsPublishOptions? options = null,
        NatsHeaders? headers = null,
        CancellationToken cancellationToken = default)
    {
        options ??= DefaultPublishOptions;
        var allHeaders = WithPublishHeaders(headers, options);
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await Connection.RequestAsync(subject, data, allHeaders, options.Timeout ?? Options.RequestTimeout, cancellationToken);
                ThrowIfError(reply.Data.Span);
                return JsonSerializer.Deserialize(reply.Data.Span, JetStreamJsonContext.Default.PubAck)
                    ?? throw new NatsProtocolException("Empty publish ack.");
            }
            catch (NatsException ex) when (attempt <= options.RetryAttempts && IsRetryable(ex, options))
            {
                Log.PublishRetry(Connection.Logger, subject, attempt);
                await Task.Delay(delay, Connection.Options.TimeProvider, cancellationToken);
                delay *= 2;
            }
        }
    }

    /// <summary>
    /// Creates a publisher that sends without waiting for each ack, keeping at most
    /// <see cref="NatsJsAsyncPublisherOptions.MaxPending"/> acks outstanding.
    /// </summary>
    public async Task<NatsJsAsyncPublisher> CreateAsyncPublisherAsync(NatsJsAsyncPublisherOptions? options = null, CancellationToken cancellationToken = default)
    {
        var publisher = new NatsJsAsyncPublisher(this, options ?? new NatsJsAsyncPublisherOptions());
        await publisher.StartAsync(cancellationToken);
        return publisher;
    }

    private static readonly NatsJsPublishOptions DefaultPublishOptions = new();

    private static bool IsRetryable(NatsException error, NatsJsPublishOptions options) =>
        error is NatsNoRespondersException
        || (options.MsgId is not null && error is NatsRequestTimeoutException or NatsConnectionException);

    private static NatsHeaders? WithPublishHeaders(NatsHeaders? headers, NatsJsPublishOptions options)
    {
        if (options.MsgId is null && options.ExpectedStream is null && options.ExpectedLastSequence is null
            && options.ExpectedLastSubjectSequence is null && options.ExpectedLastMsgId is null)
        {
            return headers;
        }

        var all = new NatsHeaders();
        if (headers is not null)
        {
            foreach (var entry in headers.Entries)
            {
                all.Add(entry.Key, entry.Value);
            }
        }

        if (options.MsgId is { } id)
        {
            all.Set(JsHeaders.MsgId, id);
        }

        if (options.ExpectedStream is { } stream)
        {
            all.Set(JsHeaders.ExpectedStream, stream);
        }

        if (options.ExpectedLastSequence is { } last)
        {
            all.Set(JsHeaders.ExpectedLastSequence, last.ToString(CultureInfo.InvariantCulture));
        }

        if (options.ExpectedLastSubjectSequence is { } lastOnSubject)
        {
            all.Set(JsHeaders.ExpectedLastSubjectSequence, lastOnSubject.ToString(CultureInfo.InvariantCulture));
        }

        if (options.ExpectedLastMsgId is { } lastId)
        {
            all.Set(JsHeaders.ExpectedLastMsgId, lastId);
        }

        return all;
    }
}
