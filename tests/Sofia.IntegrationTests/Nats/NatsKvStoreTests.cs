using System.Text;
using Sofia.Nats.JetStream;
using Sofia.Nats.KeyValue;

namespace Sofia.IntegrationTests.Nats;

public sealed class NatsKvStoreTests : NatsServerTestBase
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Put_get_update_with_revision_and_create_if_absent_behave_as_a_key_value_store(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        var kv = await js.CreateOrUpdateKeyValueAsync(new NatsKvConfig(Unique("b")) { History = 5 }, cancellationToken);

        var r1 = await kv.PutAsync("params.sma", Bytes("10"), cancellationToken);
        var r2 = await kv.UpdateAsync("params.sma", Bytes("20"), r1, cancellationToken);
        var stale = Assert.ThrowsAsync<NatsJsApiException>(() => kv.UpdateAsync("params.sma", Bytes("30"), r1, cancellationToken));
        var created = await kv.CreateAsync("params.ema", Bytes("5"), cancellationToken);
        var exists = Assert.ThrowsAsync<NatsJsApiException>(() => kv.CreateAsync("params.ema", Bytes("6"), cancellationToken));
        var sma = await kv.GetAsync("params.sma", cancellationToken);
        var missing = await kv.GetAsync("params.none", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(r2, Is.GreaterThan(r1));
            Assert.That(stale!.ErrorCode, Is.EqualTo(10071));
            Assert.That(exists!.ErrorCode, Is.EqualTo(10071));
            Assert.That(created, Is.GreaterThan(r2));
            Assert.That(Text(sma!.Value), Is.EqualTo("20"));
            Assert.That(sma.Revision, Is.EqualTo(r2));
            Assert.That(sma.Key, Is.EqualTo("params.sma"));
            Assert.That(sma.Operation, Is.EqualTo(NatsKvOperation.Put));
            Assert.That(missing, Is.Null);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Delete_hides_a_key_purge_drops_its_history_and_create_works_again_after_delete(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        var kv = await js.CreateOrUpdateKeyValueAsync(new NatsKvConfig(Unique("b")) { History = 10 }, cancellationToken);
        await kv.PutAsync("a", Bytes("1"), cancellationToken);
        await kv.PutAsync("a", Bytes("2"), cancellationToken);
        await kv.PutAsync("b", Bytes("x"), cancellationToken);
        await kv.PutAsync("c", Bytes("y"), cancellationToken);

        await kv.DeleteAsync("a", cancellationToken);
        var afterDelete = await kv.GetAsync("a", cancellationToken);
        var history = await ToListAsync(kv.GetHistoryAsync("a", cancellationToken));
        var recreated = await kv.CreateAsync("a", Bytes("3"), cancellationToken);
        await kv.PurgeAsync("b", cancellationToken);
        var purgedHistory = await ToListAsync(kv.GetHistoryAsync("b", cancellationToken));
        var keys = await ToListAsync(kv.GetKeysAsync(cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(afterDelete, Is.Null);
            Assert.That(history.Select(e => e.Operation), Is.EqualTo(new List<NatsKvOperation> { NatsKvOperation.Put, NatsKvOperation.Put, NatsKvOperation.Delete }));
            Assert.That(history.Select(e => Text(e.Value)), Is.EqualTo(new List<string> { "1", "2", "" }));
            Assert.That(recreated, Is.GreaterThan(history[^1].Revision));
            Assert.That(purgedHistory.Select(e => e.Operation), Is.EqualTo(new List<NatsKvOperation> { NatsKvOperation.Purge }));
            Assert.That(keys, Is.EquivalentTo(new List<string> { "a", "c" }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task History_is_limited_to_the_bucket_setting_and_keys_of_an_empty_bucket_are_none(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        var kv = await js.CreateOrUpdateKeyValueAsync(new NatsKvConfig(Unique("b")) { History = 2 }, cancellationToken);

        var empty = await ToListAsync(kv.GetKeysAsync(cancellationToken));
        for (var i = 0; i < 5; i++)
        {
            await kv.PutAsync("k", Bytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        }

        var history = await ToListAsync(kv.GetHistoryAsync("k", cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(empty, Is.Empty);
            Assert.That(history.Select(e => Text(e.Value)), Is.EqualTo(new List<string> { "3", "4" }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Watch_yields_current_values_then_changes(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var js = new NatsJsContext(connection);
        var kv = await js.CreateOrUpdateKeyValueAsync(new NatsKvConfig(Unique("b")), cancellationToken);
        await kv.PutAsync("x.1", Bytes("a"), cancellationToken);
        await kv.PutAsync("x.1", Bytes("b"), cancellationToken);
        await kv.PutAsync("y.1", Bytes("ignored"), cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = new List<string>();

        await foreach (var entry in kv.WatchAsync("x.>", cancellationToken: stop.Token))
        {
            seen.Add($"{entry.Key}={Text(entry.Value)}:{entry.Operation}");
            if (seen.Count == 1)
            {
                await kv.PutAsync("x.2", Bytes("c"), cancellationToken);
                await kv.DeleteAsync("x.1", cancellationToken);
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.That(seen, Is.EqualTo(new List<string> { "x.1=b:Put", "x.2=c:Put", "x.1=:Delete" }));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
