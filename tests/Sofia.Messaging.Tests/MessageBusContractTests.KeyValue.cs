using System.Text;
using System.Threading.Channels;
using Sofia.Messaging;
using Sofia.Testing;

namespace Sofia.Messaging.Tests;

/// <summary>Key-value buckets.</summary>
public abstract partial class MessageBusContractTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task A_bucket_gets_puts_deletes_and_lists_keys_with_increasing_revisions(CancellationToken cancellationToken)
    {
        await using var bus = await CreateBusAsync(cancellationToken);
        var kv = await bus.KeyValueAsync(TestNames.Unique("kv"), cancellationToken);

        var missing = await kv.GetAsync("a", cancellationToken);
        var r1 = await kv.PutAsync("a", Bytes("1"), cancellationToken);
        var r2 = await kv.PutAsync("b.x", Bytes("2"), cancellationToken);
        var r3 = await kv.PutAsync("a", Bytes("3"), cancellationToken);
        var a = await kv.GetAsync("a", cancellationToken);
        await kv.DeleteAsync("b.x", cancellationToken);
        var deleted = await kv.GetAsync("b.x", cancellationToken);
        var keys = new List<string>();
        await foreach (var key in kv.GetKeysAsync(cancellationToken))
        {
            keys.Add(key);
        }

        var reopened = await bus.KeyValueAsync(kv.Bucket, cancellationToken);
        var again = await reopened.GetAsync("a", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Null);
            Assert.That(new[] { r1, r2, r3 }, Is.EqualTo(new List<ulong> { 1, 2, 3 }));
            Assert.That(a!.Key, Is.EqualTo("a"));
            Assert.That(Encoding.UTF8.GetString(a.Value.Span), Is.EqualTo("3"));
            Assert.That(a.Revision, Is.EqualTo(3UL));
            Assert.That(a.Deleted, Is.False);
            Assert.That(deleted, Is.Null);
            Assert.That(keys, Is.EqualTo(new List<string> { "a" }));
            Assert.That(again!.Revision, Is.EqualTo(3UL));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_watch_yields_current_values_first_then_updates_and_deletes(CancellationToken cancellationToken)
    {
        await using var bus = await CreateBusAsync(cancellationToken);
        var kv = await bus.KeyValueAsync(TestNames.Unique("kv"), cancellationToken);
        await kv.PutAsync("sma.btc", Bytes("old"), cancellationToken);
        await kv.PutAsync("sma.btc", Bytes("v1"), cancellationToken);
        await kv.PutAsync("ema.btc", Bytes("e1"), cancellationToken);
        await kv.PutAsync("sma.eth", Bytes("s1"), cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seen = Channel.CreateUnbounded<BusKvEntry>();
        var watch = Task.Run(
            async () =>
            {
                await foreach (var entry in kv.WatchAsync("sma.>", stop.Token))
                {
                    await seen.Writer.WriteAsync(entry, stop.Token);
                }
            },
            stop.Token);

        var initial = new[] { await NextAsync(seen, cancellationToken), await NextAsync(seen, cancellationToken) };
        await kv.PutAsync("ema.btc", Bytes("e2"), cancellationToken);
        var r6 = await kv.PutAsync("sma.btc", Bytes("v2"), cancellationToken);
        await kv.DeleteAsync("sma.eth", cancellationToken);
        var update = await NextAsync(seen, cancellationToken);
        var delete = await NextAsync(seen, cancellationToken);
        await stop.CancelAsync();
        await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        Assert.Multiple(() =>
        {
            Assert.That(initial.Select(e => (e.Key, Text(e), e.Revision, e.Deleted)), Is.EqualTo(new List<(string, string, ulong, bool)> { ("sma.btc", "v1", 2UL, false), ("sma.eth", "s1", 4UL, false) }));
            Assert.That((update.Key, Text(update), update.Revision, update.Deleted), Is.EqualTo(("sma.btc", "v2", r6, false)));
            Assert.That((delete.Key, delete.Revision, delete.Deleted), Is.EqualTo(("sma.eth", r6 + 1, true)));
        });
    }

    private static async Task<BusKvEntry> NextAsync(Channel<BusKvEntry> entries, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await entries.Reader.ReadAsync(timeout.Token);
    }

    private static string Text(BusKvEntry entry) => Encoding.UTF8.GetString(entry.Value.Span);
}
