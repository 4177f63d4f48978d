using System.Globalization;
using System.Text;
using System.Text.Json;
using Sofia.Nats;
using Sofia.Nats.JetStream;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Nats;

/// <summary>JetStream on a real three-node cluster: a replicated stream keeps taking publishes when its leader dies.</summary>
[Category("Slow")]
public sealed class NatsJsClusterFailoverTests
{
    private const int Messages = 600;
    private NatsCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        _cluster = await NatsCluster.StartNewAsync(3, cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    [TearDown]
    public async Task EnsureEveryNodeRunsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        foreach (var node in _cluster.Nodes.Where(node => !node.IsRunning))
        {
            await node.StartAsync(timeout.Token);
        }

        await _cluster.WaitUntilFormedAsync(timeout.Token);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Stream_with_three_replicas_stores_every_message_once_when_its_leader_is_killed_mid_publish(CancellationToken cancellationToken)
    {
        var stream = TestNames.Unique("S");
        var options = new NatsOptions { Servers = _cluster.Urls, Name = TestContext.CurrentContext.Test.Name };
        await using var connection = await NatsConnection.ConnectAsync(options, cancellationToken);
        var js = new NatsJsContext(connection, new NatsJsOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        await js.CreateOrUpdateStreamAsync(new StreamConfig(stream, [stream + ".>"]) { Storage = StorageType.File, NumReplicas = 3 }, cancellationToken);
        string? killed = null;

        for (var i = 0; i < Messages; i++)
        {
            if (i == Messages / 3)
            {
                killed = await LeaderAsync(connection, stream, cancellationToken);
                await _cluster.Nodes.Single(node => node.Name == killed).KillAsync(cancellationToken);
            }

            // Acks fail while the survivors elect a new leader; the msg id makes the retries safe.
            var id = "m" + i.ToString(CultureInfo.InvariantCulture);
            var publish = new NatsJsPublishOptions { MsgId = id, RetryAttempts = 8, RetryDelay = TimeSpan.FromMilliseconds(100) };
            await js.PublishAsync(stream + ".x", Encoding.ASCII.GetBytes(id), publish, cancellationToken: cancellationToken);
        }

        var leader = await LeaderAsync(connection, stream, cancellationToken);
        // The server may place the reading (ephemeral) consumer on the offline peer, which never answers: read once it is back.
        await _cluster.Nodes.Single(node => node.Name == killed).StartAsync(cancellationToken);
        var (count, stored) = await ReadAllAsync(js, stream, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(killed, Is.Not.Null);
            Assert.That(leader, Is.Not.EqualTo(killed), "a survivor leads the stream");
            Assert.That(count, Is.EqualTo(Messages), "the stream leader's count");
            Assert.That(stored, Is.EqualTo(Enumerable.Range(0, Messages).Select(i => "m" + i.ToString(CultureInfo.InvariantCulture))));
        });
    }

    /// <summary>The stream leader's server name, from the stream info's cluster section (which our StreamInfo does not carry).</summary>
    private static async Task<string> LeaderAsync(NatsConnection connection, string stream, CancellationToken cancellationToken)
    {
        var reply = await connection.RequestAsync($"$JS.API.STREAM.INFO.{stream}", cancellationToken: cancellationToken);
        using var json = JsonDocument.Parse(reply.Data);
        return json.RootElement.GetProperty("cluster").GetProperty("leader").GetString()
            ?? throw new InvalidOperationException($"No leader in {Encoding.UTF8.GetString(reply.Data.Span)}");
    }

    /// <summary>
    /// Every message of the stream in order. Fetches wait for messages rather than stop at the first empty one, since
    /// the consumer may be served by a replica still catching up; the stream leader's count says when all are read.
    /// </summary>
    private static async Task<(ulong Count, List<string> Stored)> ReadAllAsync(NatsJsContext js, string stream, CancellationToken cancellationToken)
    {
        var count = (await js.GetStreamAsync(stream, cancellationToken)).State.Messages;
        var consumer = await js.CreateOrUpdateConsumerAsync(stream, new ConsumerConfig { AckPolicy = AckPolicy.None }, cancellationToken);
        var stored = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((ulong)stored.Count < count && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var fetch = new NatsJsFetchOptions { MaxMessages = 1_000, Expires = TimeSpan.FromSeconds(1) };
            await foreach (var msg in consumer.FetchAsync(fetch, cancellationToken))
            {
                stored.Add(Encoding.ASCII.GetString(msg.Data.Span));
            }
        }

        return (count, stored);
    }
}
