using System.Text.Json;

namespace Sofia.Exchanges.Internal;

/// <summary>
/// The field that holds a frame's trades. Exchanges send it after the field that says the frame carries trades
/// (a topic, channel or arg), so it is read in the same pass; JSON allows any order, so otherwise the value is
/// kept and read once the whole frame has been seen.
/// </summary>
internal ref struct TradesField
{
    private Utf8JsonReader _kept;
    private FrameResult _result;

    /// <summary>Whether the kept value is an array.</summary>
    public bool HasKeptArray { readonly get; private set; }

    /// <summary>Whether the trades were read in the same pass; <see cref="Result"/> is then the frame's result.</summary>
    public readonly bool WasRead => _result.Kind != FrameKind.None;

    /// <summary>The trades read in the same pass.</summary>
    public readonly FrameResult Result => _result;

    /// <summary>
    /// Moves from the property name to its value and reads the trades at once when <paramref name="carriesTrades"/>
    /// and the value is an array, else keeps it. False when reading at once failed: <paramref name="failure"/> is
    /// then the frame's result.
    /// </summary>
    public bool Read<TList>(ref Utf8JsonReader reader, bool carriesTrades, TList list, Span<ParsedTrade> trades, out FrameResult failure)
        where TList : struct, ITradeListReader
    {
        failure = default;
        reader.Read();
        if (!carriesTrades || reader.TokenType != JsonTokenType.StartArray)
        {
            KeepValue(ref reader);
            return true;
        }

        _result = list.Read(ref reader, trades);
        if (_result.Kind is FrameKind.Trades or FrameKind.BufferTooSmall)
        {
            return true;
        }

        failure = _result;
        return false;
    }

    /// <summary>Moves from the property name to its value and keeps it, to read once the whole frame has been seen.</summary>
    public void Keep(ref Utf8JsonReader reader)
    {
        reader.Read();
        KeepValue(ref reader);
    }

    /// <summary>Reads the kept value now that the frame is known to carry trades; a missing <paramref name="field"/> when it is no array.</summary>
    public FrameResult ReadKept<TList>(TList list, Span<ParsedTrade> trades, string field)
        where TList : struct, ITradeListReader =>
        HasKeptArray ? list.Read(ref _kept, trades) : FrameResult.Malformed(FrameError.MissingField, field);

    private void KeepValue(ref Utf8JsonReader reader)
    {
        _kept = reader;
        HasKeptArray = reader.TokenType == JsonTokenType.StartArray;
        reader.Skip();
    }
}
