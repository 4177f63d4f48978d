using Sofia.Nats.JetStream;

namespace Sofia.Nats.KeyValue;

/// <summary>Key-value buckets on a JetStream context.</summary>
public static class NatsJsContextKeyValueExtensions
{
    /// <summary>Creates the bucket (stream <c>KV_&lt;bucket&gt;</c> on subjects <c>$KV.&lt;bucket&gt;.&gt;</c>) or updates its settings.</summary>
    public static async Task<NatsKvStore> CreateOrUpdateKeyValueAsync(this NatsJsContext js, NatsKvConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(js);
        ArgumentNullException.ThrowIfNull(config);
        NatsKvStore.ValidateBucket(config.Bucket);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.History, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(config.History, 64);
        var stream = new StreamConfig(NatsKvStore.StreamName(config.Bucket), [$"$KV.{config.Bucket}.>"])
        {
            Description = config.Description,
            MaxMsgsPerSubject = config.History,
            MaxBytes = config.MaxBytes,
            MaxAge = config.MaxAge,
            MaxMsgSize = config.MaxValueSize,
            Storage = config.Storage,
            Discard = DiscardPolicy.New,
            AllowRollupHeaders = true,
            DenyDelete = true,
            AllowDirect = true,
            DuplicateWindow = config.MaxAge > TimeSpan.Zero && config.MaxAge < TimeSpan.FromMinutes(2) ? config.MaxAge : TimeSpan.FromMinutes(2),
        };
        await js.CreateOrUpdateStreamAsync(stream, cancellationToken);
        return new NatsKvStore(js, config.Bucket);
    }

    /// <summary>An existing bucket.</summary>
    /// <exception cref="NatsJsApiException">With error code 10059 when it does not exist.</exception>
    public static async Task<NatsKvStore> GetKeyValueAsync(this NatsJsContext js, string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(js);
        NatsKvStore.ValidateBucket(bucket);
        await js.GetStreamAsync(NatsKvStore.StreamName(bucket), cancellationToken);
        return new NatsKvStore(js, bucket);
    }

    /// <summary>Deletes a bucket and everything in it.</summary>
    public static Task<bool> DeleteKeyValueAsync(this NatsJsContext js, string bucket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(js);
        NatsKvStore.ValidateBucket(bucket);
        return js.DeleteStreamAsync(NatsKvStore.StreamName(bucket), cancellationToken);
    }
}
