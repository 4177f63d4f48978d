using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Sofia.Nats;
using Sofia.Testing;

namespace Sofia.IntegrationTests.Nats;

/// <summary>Failover between the nodes of a real two-node cluster: discovery through INFO connect_urls, then a node's crash.</summary>
[Category("Slow")]
public sealed class NatsClusterFailoverTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private NatsCluster _cluster = null!;

    private NatsClusterNode NodeA => _cluster.Nodes[0];

    private NatsClusterNode NodeB => _cluster.Nodes[1];

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _cluster = await NatsCluster.StartNewAsync(2, new NatsClusterOptions { JetStream = false }, timeout.Token);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync() => await _cluster.DisposeAsync();

    [TearDown]
    public async Task EnsureEveryNodeRunsAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var node in _cluster.Nodes)
        {
            if (node.ProcessId is { } pid)
            {
                ProcessSignal.Send("CONT", pid);
            }
            else
            {
                await node.StartAsync(timeout.Token);
            }
        }

        await _cluster.WaitUntilFormedAsync(timeout.Token);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Client_given_only_node_a_fails_over_to_node_b_learned_from_connect_urls_keeping_subscriptions_and_buffered_publishes(
        CancellationToken cancellationToken)
    {
        var subject = TestNames.Unique("fo");
        // ConnectTimeout outlasts the freeze below, during which the reconnect to node B waits for its INFO.
        await using var client = await NatsConnection.ConnectAsync(
            Options([NodeA.Url]) with { ConnectTimeout = TimeSpan.FromSeconds(30) }, cancellationToken);
        await using var onB = await NatsConnection.ConnectAsync(Options([NodeB.Url]) with { Name = "publisher-on-b" }, cancellationToken);
        var (serverIdA, learned) = (client.ServerInfo!.ServerId, client.KnownServers);
        var events = new ConcurrentQueue<NatsConnectionEventArgs>();
        client.ConnectionChanged += (_, e) => events.Enqueue(e);

        await using var plain = await client.SubscribeAsync(subject + ".plain", cancellationToken: cancellationToken);
        await using var queued = await client.SubscribeAsync(subject + ".queued", "workers", cancellationToken: cancellationToken);
        await using var responder = await client.SubscribeAsync(subject + ".rpc", cancellationToken: cancellationToken);
        var answering = AnswerAsync(responder, cancellationToken);
        await WaitForInterestOnBAsync(onB, subject, cancellationToken);
        var before = await onB.RequestAsync(subject + ".rpc", "before"u8.ToArray(), cancellationToken: cancellationToken);
        var subscriptionsOnA = await SubscriptionsAsync(NodeA, cancellationToken);
        await PublishNumberedAsync(onB, subject + ".plain", 0, 10, cancellationToken);

        // Core NATS is at most once: what is still in flight through a node that dies is lost, so these arrive first.
        var plainReceived = await ReadNumbersAsync(plain, 10, cancellationToken);

        // Node B frozen while A dies holds the client in its outage: its reconnect to B waits for an INFO
        // that comes only after the thaw, so what it publishes meanwhile must be buffered, not sent.
        var pidB = NodeB.ProcessId!.Value;
        ProcessSignal.Send("STOP", pidB);
        try
        {
            await NodeA.KillAsync(cancellationToken);
            await Eventually.HoldsAsync(() => client.State == NatsConnectionState.Reconnecting, "the client sees the loss of node A", Deadline, cancellationToken);
            await PublishNumberedAsync(client, subject + ".plain", 10, 20, cancellationToken);
            Assert.That(client.State, Is.EqualTo(NatsConnectionState.Reconnecting), "the outage lasted through the buffered publishes");
        }
        finally
        {
            ProcessSignal.Send("CONT", pidB);
        }

        await Eventually.HoldsAsync(() => client.State == NatsConnectionState.Connected, "the client reconnects", Deadline, cancellationToken);
        await client.FlushAsync(cancellationToken);
        await PublishNumberedAsync(onB, subject + ".plain", 30, 10, cancellationToken);
        await PublishNumberedAsync(onB, subject + ".queued", 0, 5, cancellationToken);
        var after = await onB.RequestAsync(subject + ".rpc", "after"u8.ToArray(), cancellationToken: cancellationToken);
        var subscriptionsOnB = await SubscriptionsAsync(NodeB, cancellationToken);

        plainReceived.AddRange(await ReadNumbersAsync(plain, 30, cancellationToken));
        var queuedReceived = await ReadNumbersAsync(queued, 5, cancellationToken);
        await onB.FlushAsync(cancellationToken);
        await client.FlushAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(learned, Does.Contain(NodeB.HostPort), "node B learned from INFO connect_urls");
            Assert.That(learned, Does.Contain(NodeA.HostPort));
            Assert.That(subscriptionsOnA, Has.Some.EndsWith($" {subject}.queued workers"), "the queue group as the server sees it");
            Assert.That(subscriptionsOnB, Is.EquivalentTo(subscriptionsOnA), "every subscription restored on B with its sid and queue group");
            Assert.That(client.ServerInfo!.ServerName, Is.EqualTo(NodeB.Name));
            Assert.That(client.ServerInfo.ServerId, Is.Not.EqualTo(serverIdA));
            Assert.That(events.Select(e => (e.Event, e.Server)), Is.EqualTo(new List<(NatsConnectionEvent, string?)>
            {
                (NatsConnectionEvent.Disconnected, NodeA.HostPort),
                (NatsConnectionEvent.Reconnected, NodeB.HostPort),
            }));
            Assert.That(Encoding.ASCII.GetString(before.Data.Span), Is.EqualTo("re: before"));
            Assert.That(Encoding.ASCII.GetString(after.Data.Span), Is.EqualTo("re: after"));
            Assert.That(plainReceived, Is.EqualTo(Enumerable.Range(0, 40)), "every publish, in order, none lost or repeated");
            Assert.That(queuedReceived, Is.EqualTo(Enumerable.Range(0, 5)));
            Assert.That(plain.Messages.TryRead(out _), Is.False, "no extra message");
        });
        await responder.UnsubscribeAsync(cancellationToken);
        await answering;
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Connect_falls_through_a_dead_first_server_to_the_second(CancellationToken cancellationToken)
    {
        await NodeA.KillAsync(cancellationToken);
        var options = Options([NodeA.Url, NodeB.Url]) with { NoRandomize = true };

        await using var client = await NatsConnection.ConnectAsync(options, cancellationToken);
        var subject = TestNames.Unique("fall");
        await using var subscription = await client.SubscribeAsync(subject, cancellationToken: cancellationToken);
        await client.PublishAsync(subject, "through"u8.ToArray(), cancellationToken: cancellationToken);
        var msg = await subscription.Messages.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(client.State, Is.EqualTo(NatsConnectionState.Connected));
            Assert.That(client.ServerInfo!.ServerName, Is.EqualTo(NodeB.Name));
            Assert.That(msg.Data.ToArray(), Is.EqualTo("through"u8.ToArray()));
        });
    }

    /// <summary>The test client's subscriptions as <paramref name="node"/>'s connz lists them: "sid subject [queue]".</summary>
    private static async Task<List<string>> SubscriptionsAsync(NatsClusterNode node, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var name = TestContext.CurrentContext.Test.Name;
        await using var body = await http.GetStreamAsync(new Uri(node.MonitorUrl, "connz?subs=detail"), cancellationToken);
        using var json = await System.Text.Json.JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var subscriptions = new List<string>();
        foreach (var connection in json.RootElement.GetProperty("connections").EnumerateArray())
        {
            if (connection.TryGetProperty("name", out var connectionName) && connectionName.GetString() == name
                && connection.TryGetProperty("subscriptions_list_detail", out var details))
            {
                foreach (var sub in details.EnumerateArray())
                {
                    var queue = sub.TryGetProperty("qgroup", out var group) ? " " + group.GetString() : string.Empty;
                    subscriptions.Add($"{sub.GetProperty("sid").GetString()} {sub.GetProperty("subject").GetString()}{queue}");
                }
            }
        }

        return subscriptions;
    }

    private static NatsOptions Options(IReadOnlyList<string> servers) => new()
    {
        Servers = servers,
        Name = TestContext.CurrentContext.Test.Name,
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
        ReconnectDelayMax = TimeSpan.FromMilliseconds(200),
    };

    private static async Task AnswerAsync(NatsSubscription responder, CancellationToken cancellationToken)
    {
        await foreach (var request in responder.ReadAllAsync(cancellationToken))
        {
            await request.ReplyAsync(Encoding.ASCII.GetBytes("re: " + Encoding.ASCII.GetString(request.Data.Span)), cancellationToken: cancellationToken);
        }
    }

    // Interest crosses the route asynchronously: a request on B answered proves B knows the client's subscriptions.
    private static async Task WaitForInterestOnBAsync(NatsConnection onB, string subject, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await onB.RequestAsync(subject + ".rpc", "probe"u8.ToArray(), timeout: TimeSpan.FromSeconds(1), cancellationToken: cancellationToken);
                return;
            }
            catch (NatsNoRespondersException) when (clock.Elapsed < Deadline)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }

    private static async Task PublishNumberedAsync(NatsConnection connection, string subject, int first, int count, CancellationToken cancellationToken)
    {
        for (var i = first; i < first + count; i++)
        {
            await connection.PublishAsync(subject, Encoding.ASCII.GetBytes(i.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
        }
    }

    private static async Task<List<int>> ReadNumbersAsync(NatsSubscription subscription, int count, CancellationToken cancellationToken)
    {
        var numbers = new List<int>(count);
        while (numbers.Count < count)
        {
            NatsMsg msg;
            try
            {
                msg = await subscription.Messages.ReadAsync(cancellationToken).AsTask().WaitAsync(Deadline, cancellationToken);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Only {numbers.Count} of {count} messages arrived: {string.Join(",", numbers)}");
                throw;
            }

            numbers.Add(int.Parse(Encoding.ASCII.GetString(msg.Data.Span), CultureInfo.InvariantCulture));
        }

        return numbers;
    }
}
