using System.Text;
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

    [TestCase("$JS.ACK.TICKS.tick-writer.3.1042.977.1700000000123456789.15", 1042UL)]
    [TestCase("$JS.ACK.hub.ACCHASH.ORDERS.oms.1.7.7.1000000000.0", 7UL)]
    [TestCase("$JS.ACK._.ACCHASH.S.C.2.10.9.5.4.r4nd0m", 10UL)]
    public void Stream_sequence_alone_is_read_from_the_received_bytes(string subject, ulong expected)
    {
        var ok = NatsJsMsgMetadata.TryParseStreamSequence(Encoding.UTF8.GetBytes(subject), out var sequence);

        Assert.That(ok, Is.True);
        Assert.That(sequence, Is.EqualTo(expected));
    }

    [Test]
    public void Received_bytes_give_the_same_metadata_as_the_string()
    {
        const string subject = "$JS.ACK.TICKS.tick-writer.3.1042.977.1700000000123456789.15";

        var ok = NatsJsMsgMetadata.TryParse(Encoding.UTF8.GetBytes(subject), out var m);

        Assert.That(ok, Is.True);
        Assert.That(m, Is.EqualTo(new NatsJsMsgMetadata(
            "TICKS", "tick-writer", null, 3, 1042, 977, new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero).AddTicks(1234567), 15)));
    }

    [TestCase("$JS.ACK.S.C.1.2.3.4")]
    [TestCase("$JS.ACK.S.C.1.+2.3.4.5")]
    [TestCase("$JS.ACK.S.C.1..3.4.5")]
    [TestCase("$JS.ACK.S.C.1.2.3.99999999999999999999.5")]
    [TestCase("$JS.ACK.S.C.1.2.3.9223372036854775808.5")]
    public void Malformed_numbers_or_token_counts_are_refused_in_bytes(string subject)
    {
        Assert.That(NatsJsMsgMetadata.TryParse(Encoding.UTF8.GetBytes(subject), out _), Is.False);
    }
}
