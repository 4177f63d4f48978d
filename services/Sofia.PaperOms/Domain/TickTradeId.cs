using System.Globalization;

namespace Sofia.PaperOms.Domain;

/// <summary>
/// An exchange's trade id, held as a number when it is one in canonical form (most exchanges number their trades), so
/// the ticks a market tape keeps reference no string of their own and garbage collections do not keep copying them.
/// Converts to and from its text implicitly; equal texts give equal values.
/// </summary>
internal readonly record struct TickTradeId
{
    private readonly ulong _number;
    private readonly string? _text;

    private TickTradeId(ulong number, string? text)
    {
        _number = number;
        _text = text;
    }

    public static TickTradeId Parse(string? id)
    {
        if (id is null)
        {
            return new(0, string.Empty);
        }

        // Canonical only (no sign, no leading zero), so the number prints back as the very same text.
        var canonical = id.Length is > 0 and <= 19 && (id[0] != '0' || id.Length == 1) && id.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
        return canonical ? new(ulong.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture), null) : new(0, id);
    }

    public override string ToString() => _text ?? _number.ToString(CultureInfo.InvariantCulture);

    public static implicit operator TickTradeId(string? id) => Parse(id);

    public static implicit operator string(TickTradeId id) => id.ToString();
}
