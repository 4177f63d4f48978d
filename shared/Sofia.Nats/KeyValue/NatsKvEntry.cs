namespace Sofia.Nats.KeyValue;

/// <summary>One revision of a key.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value; empty for delete and purge markers.</param>
/// <param name="Revision">The revision (the stream sequence); pass it to <see cref="NatsKvStore.UpdateAsync"/>.</param>
/// <param name="Created">When it was written.</param>
/// <param name="Operation">Put, delete or purge.</param>
public sealed record NatsKvEntry(string Bucket, string Key, ReadOnlyMemory<byte> Value, ulong Revision, DateTimeOffset Created, NatsKvOperation Operation);
