using Sofia.Contracts;
using Sofia.Contracts.V1;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Ingestor.Tests.Support;

/// <summary>Reads what a JetStream stream holds on a subject filter, to check the ingestor's output.</summary>
internal static class StreamContents
{
    public static async Task<List<(string MsgId, T Message)>> ReadAsync<T>(
        NatsJsContext js, string stream, string filter, Google.Protobuf.MessageParser<T> parser, CancellationToken cancellationToken)
        where T : Google.Protobuf.IMessage<T>
    {
        var messages = new List<(string, T)>();
        var info = await js.TryGetStreamAsync(stream, cancellationToken);
        if (info is null || info.State.Messages == 0)
        {
            return messages;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var consumer = js.CreateOrderedConsumer(stream, new NatsJsOrderedConsumerOptions { FilterSubject = filter, MaxMessages = 5000 });
            await foreach (var msg in consumer.ConsumeAsync(timeout.Token))
            {
                messages.Add((msg.Headers?[MessageHeaders.MessageId] ?? string.Empty, parser.ParseFrom(msg.Data.Span)));
                if (msg.Metadata.NumPending == 0)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing matches the filter: the consumer waits forever.
        }

        return messages;
    }

    public static Task<List<(string MsgId, Tick Message)>> TicksAsync(NatsJsContext js, string exchange, string symbol, CancellationToken cancellationToken) =>
        ReadAsync(js, Streams.Ticks.Name, Subjects.Ticks(exchange, symbol), Tick.Parser, cancellationToken);

    /// <summary>Removes the ingestor's streams so that a test starts from nothing (the ingestor declares them again).</summary>
    public static async Task ResetAsync(NatsJsContext js, CancellationToken cancellationToken)
    {
        foreach (var stream in new[] { Streams.Ticks, Streams.Feed, Streams.Alerts })
        {
            try
            {
                await js.DeleteStreamAsync(stream.Name, cancellationToken);
            }
            catch (NatsJsApiException)
            {
                // Not there yet.
            }
        }
    }

    public static Task<NatsConnection> ConnectAsync(string url, CancellationToken cancellationToken) =>
        NatsConnection.ConnectAsync(new NatsOptions { Servers = [url], Name = "ingestor-tests" }, cancellationToken);
}
