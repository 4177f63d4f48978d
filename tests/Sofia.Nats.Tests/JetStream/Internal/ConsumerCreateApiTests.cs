using Sofia.Nats.JetStream;
using Sofia.Nats.JetStream.Internal;

namespace Sofia.Nats.Tests.JetStream.Internal;

public sealed class ConsumerCreateApiTests
{
    private static readonly Version V2910 = new(2, 9, 10);
    private static readonly Version V280 = new(2, 8, 4);

    [Test]
    public void Durable_with_a_literal_filter_uses_the_named_create_with_the_filter_on_2_9()
    {
        var (api, config) = ConsumerCreateApi.For("TICKS", new ConsumerConfig { DurableName = "writer", FilterSubject = "ticks.binance.BTC-USDT" }, V2910);

        Assert.Multiple(() =>
        {
            Assert.That(api, Is.EqualTo("CONSUMER.CREATE.TICKS.writer.ticks.binance.BTC-USDT"));
            Assert.That(config.Name, Is.EqualTo("writer"));
        });
    }

    [Test]
    public void Wildcard_filter_stays_out_of_the_subject()
    {
        var (api, _) = ConsumerCreateApi.For("TICKS", new ConsumerConfig { DurableName = "writer", FilterSubject = "ticks.>" }, V2910);

        Assert.That(api, Is.EqualTo("CONSUMER.CREATE.TICKS.writer"));
    }

    [Test]
    public void Ephemeral_consumer_gets_a_generated_name_on_2_9()
    {
        var (api, config) = ConsumerCreateApi.For("S", new ConsumerConfig(), V2910);

        Assert.Multiple(() =>
        {
            Assert.That(config.Name, Has.Length.EqualTo(32));
            Assert.That(config.DurableName, Is.Null);
            Assert.That(api, Is.EqualTo("CONSUMER.CREATE.S." + config.Name));
        });
    }

    [Test]
    public void Older_servers_get_the_durable_and_plain_create_forms_without_a_name()
    {
        var (durableApi, durable) = ConsumerCreateApi.For("S", new ConsumerConfig { DurableName = "d", Name = "d" }, V280);
        var (ephemeralApi, ephemeral) = ConsumerCreateApi.For("S", new ConsumerConfig(), V280);

        Assert.Multiple(() =>
        {
            Assert.That(durableApi, Is.EqualTo("CONSUMER.DURABLE.CREATE.S.d"));
            Assert.That(durable.Name, Is.Null);
            Assert.That(ephemeralApi, Is.EqualTo("CONSUMER.CREATE.S"));
            Assert.That(ephemeral.Name, Is.Null);
        });
    }
}
