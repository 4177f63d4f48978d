using System.Text;

namespace Sofia.Nats.Internal;

/// <summary>
/// Reuses subject strings: the messages of one subscription come on a few subjects, interleaved (ticks of many
/// symbols), so each subject is decoded to a string once. Bounded: past <see cref="MaxEntries"/> it starts over.
/// </summary>
internal sealed class SubjectCache
{
    public const int MaxEntries = 4096;
    private const int MaxCachedLength = 256;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SubjectCache() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> subject)
    {
        if (subject.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(subject);
        }

        Span<char> buffer = stackalloc char[MaxCachedLength];
        var chars = buffer[..Encoding.UTF8.GetChars(subject, buffer)];
        if (_lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        if (_strings.Count >= MaxEntries)
        {
            _strings.Clear();
        }

        var value = new string(chars);
        _strings[value] = value;
        return value;
    }
}
