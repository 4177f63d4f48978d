using System.Text;

namespace Sofia.Hosting.Internal.Metrics;

/// <summary>
/// The tags of one series, sorted by key and de-duplicated by label name, with their label text
/// rendered once. Lookups compare it against a measurement's tag span without allocating.
/// </summary>
internal sealed class TagSet
{
    private readonly KeyValuePair<string, object?>[] _tags;

    private TagSet(KeyValuePair<string, object?>[] tags)
    {
        _tags = tags;
        HashCode = ComputeHash(tags);
        Labels = Render(tags);
    }

    public static TagSet Empty { get; } = new([]);

    public int Count => _tags.Length;

    public int HashCode { get; }

    /// <summary><c>name="value",…</c> without braces; empty when there are no tags.</summary>
    public string Labels { get; }

    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var labelNames = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<KeyValuePair<string, object?>>(sorted.Length);
        foreach (var tag in sorted)
        {
            // The first of two tags that sanitize to one label name wins; the text format forbids repeats.
            if (labelNames.Add(PrometheusNames.LabelName(tag.Key)))
            {
                unique.Add(tag);
            }
        }

        return new TagSet([.. unique]);
    }

    /// <summary>Order-independent, so a span in any order finds the sorted set.</summary>
    public static int ComputeHash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var tag in tags)
        {
            hash += System.HashCode.Combine(tag.Key, tag.Value);
        }

        return hash;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (!TryGetValue(tag.Key, out var value) || !Equals(value, tag.Value))
            {
                return false;
            }
        }

        return true;
    }

    public bool Matches(TagSet other) => ReferenceEquals(this, other) || (HashCode == other.HashCode && Matches(other._tags));

    private bool TryGetValue(string key, out object? value)
    {
        foreach (var tag in _tags)
        {
            if (string.Equals(tag.Key, key, StringComparison.Ordinal))
            {
                value = tag.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static string Render(KeyValuePair<string, object?>[] tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var tag in tags)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(PrometheusNames.LabelName(tag.Key)).Append("=\"");
            PrometheusText.AppendLabelValue(builder, PrometheusText.LabelValueText(tag.Value));
            builder.Append('"');
        }

        return builder.ToString();
    }
}
