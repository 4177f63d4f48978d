namespace Sofia.Nats.JetStream.Internal;

/// <summary>Which consumer-create API a server understands.</summary>
internal static class ConsumerCreateApi
{
    private static readonly Version NamedCreate = new(2, 9, 0);

    /// <summary>
    /// 2.9+: <c>CONSUMER.CREATE.&lt;stream&gt;.&lt;name&gt;[.&lt;filter&gt;]</c> with the name in the config (generated for an
    /// ephemeral consumer; the filter only when it has no wildcards). Older: <c>CONSUMER.DURABLE.CREATE.&lt;stream&gt;.&lt;durable&gt;</c>
    /// or <c>CONSUMER.CREATE.&lt;stream&gt;</c>, without a name.
    /// </summary>
    public static (string Api, ConsumerConfig Config) For(string stream, ConsumerConfig config, Version serverVersion)
    {
        if (serverVersion >= NamedCreate)
        {
            var name = config.Name ?? config.DurableName ?? Guid.NewGuid().ToString("N");
            var named = config with { Name = name };
            var api = config.FilterSubject is { } filter && NatsSubject.IsValidPublishSubject(filter)
                ? $"CONSUMER.CREATE.{stream}.{name}.{filter}"
                : $"CONSUMER.CREATE.{stream}.{name}";
            return (api, named);
        }

        var unnamed = config with { Name = null };
        return config.DurableName is { } durable
            ? ($"CONSUMER.DURABLE.CREATE.{stream}.{durable}", unnamed)
            : ($"CONSUMER.CREATE.{stream}", unnamed);
    }
}
