using System.Runtime.CompilerServices;
using System.Text.Json;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.JetStream;

public sealed partial class NatsJsContext
{
    private const int ConsumerNotFound = 10014;

    /// <summary>
    /// Creates a consumer or updates an existing one of the same name. Without a durable name or a
    /// name it is ephemeral. Uses <c>CONSUMER.CREATE.&lt;stream&gt;.&lt;consumer&gt;[.&lt;filter&gt;]</c> on 2.9+ servers and the older
    /// <c>CONSUMER.DURABLE.CREATE</c> / <c>CONSUMER.CREATE.&lt;stream&gt;</c> forms before.
    /// </summary>
    /// <exception cref="NatsJsApiException">The server rejected the configuration (or the stream does not exist).</exception>
    public async Task<NatsJsConsumer> CreateOrUpdateConsumerAsync(string stream, ConsumerConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentNullException.ThrowIfNull(config);
        var version = Connection.ServerInfo?.ParsedVersion ?? new Version(0, 0, 0);
        (var api, config) = ConsumerCreateApi.For(stream, config, version);
        var info = await ApiRequestAsync(api, new CreateConsumerRequest(stream, config), JetStreamJsonContext.Default.CreateConsumerRequest, JetStreamJsonContext.Default.ConsumerInfo, cancellationToken);
        return new NatsJsConsumer(this, info);
    }

    /// <summary>An ordered consumer for replaying <paramref name="stream"/> (no server round trip until it is consumed).</summary>
    public NatsJsOrderedConsumer CreateOrderedConsumer(string stream, NatsJsOrderedConsumerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        return new NatsJsOrderedConsumer(this, stream, options ?? new NatsJsOrderedConsumerOptions());
    }

    /// <summary>An existing consumer.</summary>
    /// <exception cref="NatsJsApiException">With error code 10014 when it does not exist.</exception>
    public async Task<NatsJsConsumer> GetConsumerAsync(string stream, string consumer, CancellationToken cancellationToken = default) =>
        new(this, await GetConsumerInfoAsync(stream, consumer, cancellationToken));

    /// <summary>A consumer's configuration and progress (pending and ack-pending counts).</summary>
    public async Task<ConsumerInfo> GetConsumerInfoAsync(string stream, string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        var json = await ApiRequestAsync($"CONSUMER.INFO.{stream}.{consumer}", default, cancellationToken);
        return JsonSerializer.Deserialize(json.Span, JetStreamJsonContext.Default.ConsumerInfo)!;
    }

    /// <summary>Deletes a consumer; returns false when it did not exist.</summary>
    public async Task<bool> DeleteConsumerAsync(string stream, string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        try
        {
            await ApiRequestAsync($"CONSUMER.DELETE.{stream}.{consumer}", default, cancellationToken);
            return true;
        }
        catch (NatsJsApiException ex) when (ex.ErrorCode == ConsumerNotFound)
        {
            return false;
        }
    }

    /// <summary>Every consumer of a stream with its pending and ack-pending counts, page by page.</summary>
    public async IAsyncEnumerable<ConsumerInfo> ListConsumersAsync(string stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        var offset = 0;
        while (true)
        {
            var page = await ApiRequestAsync($"CONSUMER.LIST.{stream}", new PagedRequest(offset), JetStreamJsonContext.Default.PagedRequest, JetStreamJsonContext.Default.ConsumerListResponse, cancellationToken);
            var consumers = page.Consumers ?? [];
            foreach (var consumer in consumers)
            {
                yield return consumer;
            }

            offset += consumers.Count;
            if (consumers.Count == 0 || offset >= page.Total)
            {
                yield break;
            }
        }
    }
}
