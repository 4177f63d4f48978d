using System.Diagnostics.CodeAnalysis;

namespace Sofia.Exchanges.Internal;

/// <summary>
/// Hands out slots of the caller's trade buffer; once it is full, keeps parsing into a scratch slot so
/// the frame is still validated and the needed size is known.
/// </summary>
internal ref struct TradeWriter(Span<ParsedTrade> buffer)
{
    private readonly Span<ParsedTrade> _buffer = buffer;
    private ParsedTrade _scratch;

    public int Count { get; private set; }

    [UnscopedRef]
    public ref ParsedTrade Next()
    {
        var index = Count++;
        if (index < _buffer.Length)
        {
            _buffer[index] = default;
            return ref _buffer[index];
        }

        _scratch = default;
        return ref _scratch;
    }

    /// <summary>The frame's result: trades in ascending time and id, or the size the buffer must have.</summary>
    public readonly FrameResult Finish()
    {
        if (Count > _buffer.Length)
        {
            return FrameResult.TooSmall(Count);
        }

        TradeOrder.Sort(_buffer[..Count]);
        return FrameResult.Trades(Count);
    }
}
