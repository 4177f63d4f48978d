using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.Cli.Operations;

/// <summary>What a user would look at with the NATS CLI: streams, their consumers and the key-value buckets.</summary>
internal sealed record BusInventory(IReadOnlyList<StreamRow> Streams, IReadOnlyList<ConsumerRow> Consumers, IReadOnlyList<BucketRow> Buckets)
{
    private const string BucketStreamPrefix = "KV_";

    public static async Task<BusInventory> ReadAsync(string url, CancellationToken cancellationToken)
    {
        var options = new NatsOptions
        {
            Servers = [url],
            Name = "sofia-cli",
            MaxReconnectAttempts = 0,
            ConnectTimeout = TimeSpan.FromSeconds(3),
        };
        await using var connection = await NatsConnection.ConnectAsync(options, cancellationToken);
        var js = new NatsJsContext(connection);
        var streams = new List<StreamRow>();
        var consumers = new List<ConsumerRow>();
        var buckets = new List<BucketRow>();
        await foreach (var stream in js.ListStreamsAsync(cancellationToken))
        {
            var name = stream.Config.Name;
            if (name.StartsWith(BucketStreamPrefix, StringComparison.Ordinal))
            {
                // A bucket keeps one message per key when its history is 1, so subjects count the keys.
                buckets.Add(new BucketRow(name[BucketStreamPrefix.Length..], stream.State.NumSubjects, stream.State.Messages, stream.State.Bytes));
                continue;
            }

            streams.Add(new StreamRow(name, string.Join(", ", stream.Config.Subjects), stream.State.Messages, stream.State.Bytes, stream.State.ConsumerCount));
            await foreach (var consumer in js.ListConsumersAsync(name, cancellationToken))
            {
                consumers.Add(new ConsumerRow(name, consumer.Name, consumer.NumPending, consumer.NumAckPending, consumer.NumRedelivered));
            }
        }

        streams.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        consumers.Sort((a, b) => string.CompareOrdinal(a.Stream + "\0" + a.Name, b.Stream + "\0" + b.Name));
        buckets.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new BusInventory(streams, consumers, buckets);
    }
}
