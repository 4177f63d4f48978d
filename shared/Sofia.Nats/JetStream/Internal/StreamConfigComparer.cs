using System.Globalization;

namespace Sofia.Nats.JetStream.Internal;

/// <summary>Names the fields where a requested stream configuration differs from the existing one; unset requested fields match anything.</summary>
internal static class StreamConfigComparer
{
    public static IReadOnlyList<string> Differences(StreamConfig existing, StreamConfig requested)
    {
        var differences = new List<string>();
        if (!existing.Subjects.OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(requested.Subjects.OrderBy(s => s, StringComparer.Ordinal)))
        {
            differences.Add($"subjects: existing [{string.Join(", ", existing.Subjects)}], requested [{string.Join(", ", requested.Subjects)}]");
        }

        Compare(differences, "retention", existing.Retention ?? RetentionPolicy.Limits, requested.Retention);
        Compare(differences, "storage", existing.Storage ?? StorageType.File, requested.Storage);
        Compare(differences, "max_msgs", existing.MaxMsgs, Limit(requested.MaxMsgs));
        Compare(differences, "max_bytes", existing.MaxBytes, Limit(requested.MaxBytes));
        Compare(differences, "max_age", existing.MaxAge ?? TimeSpan.Zero, requested.MaxAge);
        Compare(differences, "max_msgs_per_subject", existing.MaxMsgsPerSubject, Limit(requested.MaxMsgsPerSubject));
        Compare(differences, "max_msg_size", existing.MaxMsgSize, requested.MaxMsgSize is 0 ? -1 : requested.MaxMsgSize);
        Compare(differences, "discard", existing.Discard ?? DiscardPolicy.Old, requested.Discard);
        Compare(differences, "num_replicas", existing.NumReplicas ?? 1, requested.NumReplicas is 0 ? 1 : requested.NumReplicas);
        if (requested.DuplicateWindow is { } window && window != TimeSpan.Zero)
        {
            Compare(differences, "duplicate_window", existing.DuplicateWindow ?? TimeSpan.Zero, window);
        }

        Compare(differences, "allow_rollup_hdrs", existing.AllowRollupHeaders ?? false, requested.AllowRollupHeaders);
        Compare(differences, "deny_delete", existing.DenyDelete ?? false, requested.DenyDelete);
        Compare(differences, "deny_purge", existing.DenyPurge ?? false, requested.DenyPurge);
        Compare(differences, "allow_direct", existing.AllowDirect ?? false, requested.AllowDirect);
        Compare(differences, "description", existing.Description ?? "", requested.Description);
        return differences;
    }

    private static long? Limit(long? value) => value is 0 ? -1 : value;

    private static void Compare<T>(List<string> differences, string field, T existing, T? requested)
        where T : struct
    {
        if (requested is { } value && !EqualityComparer<T>.Default.Equals(existing, value))
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: existing {Show(existing)}, requested {Show(value)}"));
        }
    }

    private static void Compare<T>(List<string> differences, string field, T? existing, T? requested)
        where T : struct
    {
        if (requested is { } value && !EqualityComparer<T?>.Default.Equals(existing, value))
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: existing {(existing is { } e ? Show(e) : "unset")}, requested {Show(value)}"));
        }
    }

    private static void Compare(List<string> differences, string field, string existing, string? requested)
    {
        if (requested is not null && existing != requested)
        {
            differences.Add($"{field}: existing '{existing}', requested '{requested}'");
        }
    }

    private static string Show<T>(T value)
        where T : struct => value switch
        {
            Enum e => e.ToString().ToLowerInvariant(),
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
}
