using System.Text;
using System.Text.Json;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Nats.KeyValue;
using Sofia.Testing;

namespace Sofia.Cli.Tests;

[Category("Slow")]
public sealed class StreamsCommandTests
{
    private NatsServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await NatsServer.StartNewAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test]
    [CancelAfter(30_000)]
    public async Task Lists_streams_consumers_with_their_backlog_and_buckets_with_their_keys(CancellationToken cancellationToken)
    {
        var stream = TestNames.Unique("CLI");
        var bucket = TestNames.Unique("clikv");
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [_server.Url] }, cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]), cancellationToken);
        for (var i = 0; i < 5; i++)
        {
            await js.PublishAsync(stream + ".a", Encoding.UTF8.GetBytes("m" + i), cancellationToken: cancellationToken);
        }

        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "reader", AckWait = TimeSpan.FromMinutes(1) }, cancellationToken);
        var taken = 0;
        await foreach (var message in consumer.FetchAsync(new NatsJsFetchOptions { MaxMessages = 2 }, cancellationToken))
        {
            if (++taken == 1)
            {
                await message.AckAndWaitAsync(cancellationToken);
            }
        }

        var kv = await js.CreateOrUpdateKeyValueAsync(new NatsKvConfig(bucket), cancellationToken);
        await kv.PutAsync("a", Encoding.UTF8.GetBytes("1"), cancellationToken);
        await kv.PutAsync("b", Encoding.UTF8.GetBytes("2"), cancellationToken);

        var (code, stdout, stderr) = await CliRun.RunAsync("streams", "--nats", _server.Url, "--json");

        Assert.That(code, Is.Zero, stderr);
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        var streamRow = root.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("name").GetString() == stream);
        var consumerRow = root.GetProperty("consumers").EnumerateArray().Single(c => c.GetProperty("stream").GetString() == stream);
        var bucketRow = root.GetProperty("buckets").EnumerateArray().Single(b => b.GetProperty("name").GetString() == bucket);
        Assert.Multiple(() =>
        {
            Assert.That(streamRow.GetProperty("messages").GetInt32(), Is.EqualTo(5));
            Assert.That(streamRow.GetProperty("subjects").GetString(), Is.EqualTo(stream + ".>"));
            Assert.That(streamRow.GetProperty("consumers").GetInt32(), Is.EqualTo(1));
            Assert.That(consumerRow.GetProperty("name").GetString(), Is.EqualTo("reader"));
            // Five stored, two delivered: three never delivered, one delivered and not acked.
            Assert.That(consumerRow.GetProperty("pending").GetInt32(), Is.EqualTo(3));
            Assert.That(consumerRow.GetProperty("ackPending").GetInt32(), Is.EqualTo(1));
            Assert.That(bucketRow.GetProperty("keys").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("streams").EnumerateArray().Any(s => s.GetProperty("name").GetString()!.StartsWith("KV_", StringComparison.Ordinal)), Is.False);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Tables_show_the_stream_and_the_consumer_backlog(CancellationToken cancellationToken)
    {
        var stream = TestNames.Unique("CLITAB");
        await using var connection = await NatsConnection.ConnectAsync(new NatsOptions { Servers = [_server.Url] }, cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]), cancellationToken);
        await js.PublishAsync(stream + ".a", new byte[10], cancellationToken: cancellationToken);
        await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { DurableName = "tab-reader" }, cancellationToken);

        var (code, stdout, _) = await CliRun.RunAsync("streams", "--nats", _server.Url);

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain(stream).And.Contain("tab-reader").And.Contain("ack pending"));
    }

    [Test]
    public async Task An_unreachable_server_is_reported_with_its_url_and_exit_code_3()
    {
        var (code, _, stderr) = await CliRun.RunAsync("streams", "--nats", "nats://127.0.0.1:1");

        Assert.That(code, Is.EqualTo(3));
        Assert.That(stderr, Does.Contain("nats://127.0.0.1:1"));
    }
}
