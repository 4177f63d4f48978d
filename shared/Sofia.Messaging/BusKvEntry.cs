namespace Sofia.Messaging;

/// <summary>One revision of a key.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">Its value (empty for a delete).</param>
/// <param name="Revision">Bucket-wide revision number.</param>
/// <param name="Deleted">True when this revision deletes the key.</param>
public sealed record BusKvEntry(string Key, ReadOnlyMemory<byte> Value, ulong Revision, bool Deleted);
