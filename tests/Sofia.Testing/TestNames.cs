using System.Security.Cryptography;

namespace Sofia.Testing;

/// <summary>
/// Unique, short names per test so tests can share one server: valid as a NATS subject token,
/// a JetStream stream or consumer name and a ClickHouse database or table name.
/// </summary>
public static class TestNames
{
    private const int MaxPrefixLength = 24;

    /// <summary>
    /// <paramref name="prefix"/>, an underscore and ten random lower-case hex digits, e.g. <c>ticks_3f9a0c12de</c>.
    /// The prefix starts with a letter and holds only letters, digits and underscores.
    /// </summary>
    public static string Unique(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (prefix.Length > MaxPrefixLength || !char.IsAsciiLetter(prefix[0]) || !prefix.All(IsNameChar))
        {
            throw new ArgumentException(
                $"A name prefix is 1-{MaxPrefixLength} ASCII letters, digits or underscores starting with a letter: '{prefix}'.",
                nameof(prefix));
        }

        return $"{prefix}_{RandomNumberGenerator.GetHexString(10, lowercase: true)}";
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
