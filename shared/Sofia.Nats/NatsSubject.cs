namespace Sofia.Nats;

/// <summary>Subject validation and wildcard matching (<c>*</c> matches one token, <c>&gt;</c> one or more at the end).</summary>
public static class NatsSubject
{
    /// <summary>Whether <paramref name="subject"/> can be published to: non-empty tokens, no whitespace, no wildcard tokens.</summary>
    public static bool IsValidPublishSubject(string? subject) => IsValid(subject, allowWildcards: false);

    /// <summary>Whether <paramref name="subject"/> can be subscribed to: like a publish subject, but <c>*</c> tokens and a final <c>&gt;</c> token are allowed.</summary>
    public static bool IsValidSubscribeSubject(string? subject) => IsValid(subject, allowWildcards: true);

    /// <summary>Whether a subscription on <paramref name="pattern"/> receives messages published to <paramref name="subject"/>.</summary>
    public static bool Matches(string pattern, string subject)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(subject);
        var p = pattern.AsSpan();
        var s = subject.AsSpan();
        while (true)
        {
            var pDot = p.IndexOf('.');
            var pToken = pDot < 0 ? p : p[..pDot];
            if (pToken is ">")
            {
                return !s.IsEmpty;
            }

            if (s.IsEmpty)
            {
                return false;
            }

            var sDot = s.IndexOf('.');
            var sToken = sDot < 0 ? s : s[..sDot];
            if (pToken is not "*" && !pToken.SequenceEqual(sToken))
            {
                return false;
            }

            if (pDot < 0 || sDot < 0)
            {
                return pDot < 0 && sDot < 0;
            }

            p = p[(pDot + 1)..];
            s = s[(sDot + 1)..];
        }
    }

    internal static void EnsurePublishSubject(string subject, string paramName = "subject")
    {
        if (!IsValidPublishSubject(subject))
        {
            throw new ArgumentException($"'{subject}' is not a valid publish subject.", paramName);
        }
    }

    internal static void EnsureSubscribeSubject(string subject, string paramName = "subject")
    {
        if (!IsValidSubscribeSubject(subject))
        {
            throw new ArgumentException($"'{subject}' is not a valid subscribe subject.", paramName);
        }
    }

    internal static void EnsureQueueGroup(string? queueGroup)
    {
        if (queueGroup is not null && (queueGroup.Length == 0 || queueGroup.AsSpan().IndexOfAny(" \t\r\n") >= 0))
        {
            throw new ArgumentException($"'{queueGroup}' is not a valid queue group.", nameof(queueGroup));
        }
    }

    private static bool IsValid(string? subject, bool allowWildcards)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return false;
        }

        var rest = subject.AsSpan();
        if (rest.IndexOfAny(" \t\r\n") >= 0)
        {
            return false;
        }

        while (true)
        {
            var dot = rest.IndexOf('.');
            var token = dot < 0 ? rest : rest[..dot];
            if (token.IsEmpty)
            {
                return false;
            }

            if (token is "*" or ">")
            {
                if (!allowWildcards || (token is ">" && dot >= 0))
                {
                    return false;
                }
            }

            if (dot < 0)
            {
                return true;
            }

            rest = rest[(dot + 1)..];
        }
    }
}
