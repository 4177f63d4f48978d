using Sofia.Nats.JetStream;

namespace Sofia.Nats.Tests.JetStream;

public sealed class NatsJsMsgMetadataTests
{
    [Test]
    public void Nine_token_ack_subject_gives_stream_consumer_counts_and_time()
    {
        // 1700000000123456789 ns after the epoch is 2023-11-14T22:13:20.1234567Z (truncated to ticks).
        var ok = NatsJsMsgMetadata.TryParse("$JS.ACK.TICKS.tick-writer.3.1042.977.1700000000123456789.15", out var m);

        Assert.That(ok, Is.True);
        Assert.That(m, Is.EqualTo(new NatsJsMsgMetadata(
            "TICKS", "tick-writer", null, 3, 1042, 977, new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero).AddTicks(1234567), 15)));
    }

    [Test]
    public void Eleven_token_ack_subject_with_domain_and_account_hash_is_understood()
    {
        var ok = NatsJsMsgMetadata.TryParse("$JS.ACK.hub.ACCHASH.ORDERS.oms.1.7.7.1000000000.0", out var m);

        Assert.That(ok, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(m.Domain, Is.EqualTo("hub"));
            Assert.That(m.Stream, Is.EqualTo("ORDERS"));
            Assert.That(m.Consumer, Is.EqualTo("oms"));
            Assert.That(m.NumDelivered, Is.EqualTo(1));
            Assert.That(m.StreamSequence, Is.EqualTo(7));
            Assert.That(m.Timestamp, Is.EqualTo(DateTimeOffset.UnixEpoch.AddSeconds(1)));
            Assert.That(m.NumPending, Is.Zero);
        });
    }

    [Test]
    public void Twelve_token_ack_subject_with_random_token_and_no_domain_is_understood()
    {
        var ok = NatsJsMsgMetadata.TryParse("$JS.ACK._.ACCHASH.S.C.2.10.9.5.4.r4nd0m", out var m);

        Assert.That(ok, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(m.Domain, Is.Null);
            Assert.That(m.Stream, Is.EqualTo("S"));
            Assert.That(m.NumDelivered, Is.EqualTo(2));
            Assert.That(m.StreamSequence, Is.EqualTo(10));
            Assert.That(m.ConsumerSequence, Is.EqualTo(9));
            Assert.That(m.NumPending, Is.EqualTo(4));
        });
    }

    [TestCase(null)]
    [TestCase("_INBOX.abc.1")]
    [TestCase("$JS.ACK.S.C.1.2.3.4")]
    [TestCase("$JS.ACK.S.C.1.x.3.4.5")]
    [TestCase("$JS.ACK.d.h.S.C.1.2.3.4")]
    public void Other_subjects_are_not_ack_subjects(string? subject) =>
        Assert.That(NatsJsMsgMetadata.TryParse(subject, out _), Is.False);
}
