namespace Sofia.Nats.Internal;

/// <summary>
/// Carves received payloads and reply subjects out of shared chunks, so a message costs its bytes
/// and no object of its own. A chunk is garbage once no message points into it; large messages get
/// their own array so one held message never keeps more than a chunk alive. Used by one read loop only.
/// </summary>
internal sealed class MessageArena
{
    private const int ChunkSize = 16 * 1024;
    private const int MaxCarved = 2 * 1024;

    private byte[] _chunk = [];
    private int _used;

    public Memory<byte> Allocate(int length)
    {
        if (length > MaxCarved)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        if (_chunk.Length - _used < length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(ChunkSize);
            _used = 0;
        }

        var memory = _chunk.AsMemory(_used, length);
        _used += length;
        return memory;
    }
}
