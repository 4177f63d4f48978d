namespace Sofia.Messaging.InProcess;

/// <summary>Wildcard rules beyond matching (which is <see cref="Sofia.Nats.NatsSubject.Matches"/>).</summary>
internal static class SubjectPatterns
{
    /// <summary>Whether some subject matches both patterns (two streams may not capture the same subject).</summary>
    public static bool Overlap(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; ; i++)
        {
            var leftEnd = i >= left.Length;
            var rightEnd = i >= right.Length;
            if (!leftEnd && left[i] == ">")
            {
                return !rightEnd;
            }

            if (!rightEnd && right[i] == ">")
            {
                return !leftEnd;
            }

            if (leftEnd || rightEnd)
            {
                return leftEnd && rightEnd;
            }

            if (left[i] != "*" && right[i] != "*" && left[i] != right[i])
            {
                return false;
            }
        }
    }
}
