using Sofia.Nats.JetStream;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.Tests.JetStream.Internal;

public sealed class StreamConfigComparerTests
{
    private static readonly StreamConfig Existing = new("S", ["a.>", "b.>"])
    {
        Retention = RetentionPolicy.Limits,
        Storage = StorageType.File,
        MaxMsgs = -1,
        MaxAge = TimeSpan.Zero,
        DuplicateWindow = TimeSpan.FromMinutes(2),
        Discard = DiscardPolicy.Old,
        NumReplicas = 1,
    };

    [Test]
    public void Unset_requested_fields_and_server_defaults_are_not_differences()
    {
        var requested = new StreamConfig("S", ["b.>", "a.>"]) { MaxMsgs = 0, NumReplicas = 0, MaxAge = TimeSpan.Zero };

        Assert.That(StreamConfigComparer.Differences(Existing, requested), Is.Empty);
    }

    [Test]
    public void Every_differing_field_is_named_with_both_values()
    {
        var requested = new StreamConfig("S", ["a.>"]) { Storage = StorageType.Memory, Retention = RetentionPolicy.WorkQueue, MaxAge = TimeSpan.FromHours(1) };

        Assert.That(StreamConfigComparer.Differences(Existing, requested), Is.EqualTo(new List<string>
        {
            "subjects: existing [a.>, b.>], requested [a.>]",
            "retention: existing limits, requested workqueue",
            "storage: existing file, requested memory",
            "max_age: existing 00:00:00, requested 01:00:00",
        }));
    }
}
