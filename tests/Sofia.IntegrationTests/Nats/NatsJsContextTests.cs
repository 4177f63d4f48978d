using System.Text;
using Sofia.Contracts;
using Sofia.Nats;
using Sofia.Nats.JetStream;

namespace Sofia.IntegrationTests.Nats;

public sealed class NatsJsContextTests : NatsServerTestBase
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Stream_create_is_idempotent_updates_what_it_can_and_names_conflicting_fields(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        var config = new StreamConfig(name, [name + ".>"]) { Storage = StorageType.File, MaxAge = TimeSpan.FromHours(1) };

        var created = await js.CreateOrUpdateStreamAsync(config, cancellationToken);
        var again = await js.CreateOrUpdateStreamAsync(config, cancellationToken);
        var updated = await js.CreateOrUpdateStreamAsync(config with { MaxMsgs = 1000 }, cancellationToken);
        var conflict = Assert.ThrowsAsync<NatsStreamConfigConflictException>(
            () => js.CreateOrUpdateStreamAsync(config with { Storage = StorageType.Memory }, cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(again.Created, Is.EqualTo(created.Created));
            Assert.That(created.Config.MaxAge, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(updated.Config.MaxMsgs, Is.EqualTo(1000));
            Assert.That(conflict!.Differences, Has.Some.EqualTo("storage: existing file, requested memory"));
            Assert.That(conflict.Message, Does.Contain("storage"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Stream_declared_in_contracts_is_created_with_its_settings(CancellationToken cancellationToken)
    {
        var name = Unique("C");
        var definition = new StreamDefinition(name, [name + ".>"], StreamStorage.Memory, StreamRetention.WorkQueue, TimeSpan.FromDays(2), TimeSpan.FromMinutes(1));
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);

        var info = await js.CreateOrUpdateStreamAsync(definition, cancellationToken);
        await js.CreateOrUpdateStreamAsync(definition, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(info.Config.Storage, Is.EqualTo(StorageType.Memory));
            Assert.That(info.Config.Retention, Is.EqualTo(RetentionPolicy.WorkQueue));
            Assert.That(info.Config.MaxAge, Is.EqualTo(TimeSpan.FromDays(2)));
            Assert.That(info.Config.DuplicateWindow, Is.EqualTo(TimeSpan.FromMinutes(1)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Stream_info_purge_list_and_delete_work_and_a_missing_stream_is_a_typed_error(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".*"]), cancellationToken);
        await js.PublishAsync(name + ".a", "1"u8.ToArray(), cancellationToken: cancellationToken);
        await js.PublishAsync(name + ".a", "2"u8.ToArray(), cancellationToken: cancellationToken);
        await js.PublishAsync(name + ".b", "3"u8.ToArray(), cancellationToken: cancellationToken);

        var info = await js.GetStreamAsync(name, cancellationToken);
        var purgedA = await js.PurgeStreamAsync(name, name + ".a", cancellationToken: cancellationToken);
        var names = new List<string>();
        await foreach (var stream in js.ListStreamsAsync(cancellationToken))
        {
            names.Add(stream.Config.Name);
        }

        var deleted = await js.DeleteStreamAsync(name, cancellationToken);
        var deletedAgain = await js.DeleteStreamAsync(name, cancellationToken);
        var missing = Assert.ThrowsAsync<NatsJsApiException>(() => js.GetStreamAsync(name, cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(info.State.Messages, Is.EqualTo(3));
            Assert.That(info.State.LastSeq, Is.EqualTo(3));
            Assert.That(purgedA, Is.EqualTo(2));
            Assert.That(names, Does.Contain(name));
            Assert.That(deleted, Is.True);
            Assert.That(deletedAgain, Is.False);
            Assert.That(missing!.Code, Is.EqualTo(404));
            Assert.That(missing.ErrorCode, Is.EqualTo(10059));
            Assert.That(missing.Description, Does.Contain("not found"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Consumers_are_created_listed_with_pending_counts_and_deleted(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]), cancellationToken);
        for (var i = 0; i < 5; i++)
        {
            await js.PublishAsync(name + ".x", cancellationToken: cancellationToken);
        }

        var durable = await js.CreateOrUpdateConsumerAsync(name, new ConsumerConfig { DurableName = "worker", FilterSubject = name + ".x" }, cancellationToken);
        var again = await js.CreateOrUpdateConsumerAsync(name, new ConsumerConfig { DurableName = "worker", FilterSubject = name + ".x" }, cancellationToken);
        var ephemeral = await js.CreateOrUpdateConsumerAsync(name, new ConsumerConfig { FilterSubject = name + ".>" }, cancellationToken);
        await foreach (var msg in durable.FetchAsync(new NatsJsFetchOptions { MaxMessages = 2 }, cancellationToken))
        {
            _ = msg;
        }

        var listed = new Dictionary<string, ConsumerInfo>();
        await foreach (var info in js.ListConsumersAsync(name, cancellationToken))
        {
            listed[info.Name] = info;
        }

        var deleted = await js.DeleteConsumerAsync(name, "worker", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(durable.Name, Is.EqualTo("worker"));
            Assert.That(again.Info.Created, Is.EqualTo(durable.Info.Created));
            Assert.That(ephemeral.Info.Config.DurableName, Is.Null);
            Assert.That(listed.Keys, Is.EquivalentTo(new List<string> { "worker", ephemeral.Name }));
            Assert.That(listed["worker"].NumPending, Is.EqualTo(3));
            Assert.That(listed["worker"].NumAckPending, Is.EqualTo(2));
            Assert.That(listed[ephemeral.Name].NumPending, Is.EqualTo(5));
            Assert.That(deleted, Is.True);
        });
        Assert.That(
            async () => await js.GetConsumerInfoAsync(name, "worker", cancellationToken),
            Throws.InstanceOf<NatsJsApiException>().With.Property(nameof(NatsJsApiException.ErrorCode)).EqualTo(10014));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Publish_returns_stream_and_sequence_and_flags_a_repeated_msg_id_as_duplicate(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]), cancellationToken);

        var first = await js.PublishAsync(name + ".t", "a"u8.ToArray(), new NatsJsPublishOptions { MsgId = "m-1" }, cancellationToken: cancellationToken);
        var repeat = await js.PublishAsync(name + ".t", "a"u8.ToArray(), new NatsJsPublishOptions { MsgId = "m-1" }, cancellationToken: cancellationToken);
        var second = await js.PublishAsync(name + ".t", "b"u8.ToArray(), new NatsJsPublishOptions { MsgId = "m-2" }, cancellationToken: cancellationToken);
        var info = await js.GetStreamAsync(name, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new PubAck { Stream = name, Sequence = 1 }));
            Assert.That(repeat, Is.EqualTo(new PubAck { Stream = name, Sequence = 1, Duplicate = true }));
            Assert.That(second.Sequence, Is.EqualTo(2));
            Assert.That(info.State.Messages, Is.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Publish_expectations_that_do_not_hold_are_api_errors(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]), cancellationToken);
        await js.PublishAsync(name + ".a", options: new NatsJsPublishOptions { MsgId = "first" }, cancellationToken: cancellationToken);
        await js.PublishAsync(name + ".b", cancellationToken: cancellationToken);

        var okLast = await js.PublishAsync(name + ".a", options: new NatsJsPublishOptions { ExpectedLastSequence = 2, ExpectedStream = name }, cancellationToken: cancellationToken);
        var okSubject = await js.PublishAsync(name + ".a", options: new NatsJsPublishOptions { ExpectedLastSubjectSequence = 3 }, cancellationToken: cancellationToken);
        var wrongLast = Assert.ThrowsAsync<NatsJsApiException>(
            () => js.PublishAsync(name + ".a", options: new NatsJsPublishOptions { ExpectedLastSequence = 1 }, cancellationToken: cancellationToken));
        var wrongSubject = Assert.ThrowsAsync<NatsJsApiException>(
            () => js.PublishAsync(name + ".b", options: new NatsJsPublishOptions { ExpectedLastSubjectSequence = 0 }, cancellationToken: cancellationToken));
        var wrongStream = Assert.ThrowsAsync<NatsJsApiException>(
            () => js.PublishAsync(name + ".a", options: new NatsJsPublishOptions { ExpectedStream = "OTHER" }, cancellationToken: cancellationToken));
        var wrongId = Assert.ThrowsAsync<NatsJsApiException>(
            () => js.PublishAsync(name + ".a", options: new NatsJsPublishOptions { ExpectedLastMsgId = "nope" }, cancellationToken: cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(okLast.Sequence, Is.EqualTo(3));
            Assert.That(okSubject.Sequence, Is.EqualTo(4));
            Assert.That(wrongLast!.ErrorCode, Is.EqualTo(10071));
            Assert.That(wrongSubject!.ErrorCode, Is.EqualTo(10071));
            Assert.That(wrongStream!.ErrorCode, Is.EqualTo(10060));
            Assert.That(wrongId!.ErrorCode, Is.EqualTo(10070));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Publish_to_a_subject_no_stream_captures_fails_with_no_responders(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);

        Assert.That(
            async () => await js.PublishAsync(Unique() + ".nowhere", options: new NatsJsPublishOptions { RetryAttempts = 0 }, cancellationToken: cancellationToken),
            Throws.InstanceOf<NatsNoRespondersException>());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Async_publisher_stores_every_message_once_and_counts_duplicates(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]) { Storage = StorageType.File }, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 256 }, cancellationToken);

        for (var i = 0; i < 20_000; i++)
        {
            await publisher.PublishAsync(name + ".t", Encoding.ASCII.GetBytes(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)), "id-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        for (var i = 0; i < 100; i++)
        {
            await publisher.PublishAsync(name + ".t", "again"u8.ToArray(), "id-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        await publisher.FlushAsync(cancellationToken);
        var info = await js.GetStreamAsync(name, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(info.State.Messages, Is.EqualTo(20_000));
            Assert.That(publisher.Acknowledged, Is.EqualTo(20_100));
            Assert.That(publisher.Duplicates, Is.EqualTo(100));
            Assert.That(publisher.Failed, Is.Zero);
            Assert.That(publisher.Pending, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Async_publisher_reports_messages_no_stream_accepted(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await using var publisher = await js.CreateAsyncPublisherAsync(cancellationToken: cancellationToken);
        var subject = Unique() + ".nowhere";

        await publisher.PublishAsync(subject, "x"u8.ToArray(), cancellationToken: cancellationToken);
        var error = Assert.ThrowsAsync<NatsJsPublishException>(() => publisher.FlushAsync(cancellationToken));

        Assert.That(error!.Failures.Single().Subject, Is.EqualTo(subject));
        Assert.That(error.Failures.Single().Error, Is.InstanceOf<NatsNoRespondersException>());
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Async_publisher_future_completes_with_each_message_sequence_and_duplicate_flag(CancellationToken cancellationToken)
    {
        var name = Unique("S");
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await js.CreateOrUpdateStreamAsync(new StreamConfig(name, [name + ".>"]) { Storage = StorageType.File }, cancellationToken);
        await using var publisher = await js.CreateAsyncPublisherAsync(new NatsJsAsyncPublisherOptions { MaxPending = 64 }, cancellationToken);

        var futures = new List<NatsJsPublishFuture>();
        for (var i = 0; i < 1_000; i++)
        {
            futures.Add(await publisher.PublishWithAckAsync(name + ".t", "x"u8.ToArray(), "id-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken));
        }

        var acks = new List<NatsJsPublishAck>();
        foreach (var future in futures)
        {
            acks.Add(await future.GetAckAsync());
        }

        var again = await (await publisher.PublishWithAckAsync(name + ".t", "x"u8.ToArray(), "id-7", cancellationToken)).GetAckAsync();
        await publisher.FlushAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(acks.Select(a => a.Sequence), Is.EqualTo(Enumerable.Range(1, 1_000).Select(i => (ulong)i)));
            Assert.That(acks.Any(a => a.Duplicate), Is.False);
            Assert.That(again, Is.EqualTo(new NatsJsPublishAck(8, true, name)));
            Assert.That(publisher.Acknowledged, Is.EqualTo(1_001));
            Assert.That(publisher.Pending, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Async_publisher_future_reports_its_failure_and_flush_does_not_repeat_it(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        await using var publisher = await js.CreateAsyncPublisherAsync(cancellationToken: cancellationToken);

        var future = await publisher.PublishWithAckAsync(Unique() + ".nowhere", "x"u8.ToArray(), cancellationToken: cancellationToken);

        Assert.That(async () => await future.GetAckAsync(), Throws.InstanceOf<NatsNoRespondersException>());
        Assert.That(() => publisher.FlushAsync(cancellationToken), Throws.Nothing);
        Assert.That(publisher.Failed, Is.EqualTo(1));
    }
}
