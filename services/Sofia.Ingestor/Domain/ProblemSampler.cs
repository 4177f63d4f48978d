namespace Sofia.Ingestor.Domain;

/// <summary>Lets one log sample through per interval and counts what it held back, so a flood of bad frames costs a few log lines.</summary>
internal sealed class ProblemSampler(TimeProvider clock, TimeSpan interval)
{
    /// <summary>The longest sample of a frame that is logged, in characters.</summary>
    public const int MaxSampleLength = 200;

    private long _nextAllowed;
    private long _suppressed;

    /// <summary>True when a sample may be logged now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryTake(out long suppressed)
    {
        var now = clock.GetTimestamp();
        var next = Interlocked.Read(ref _nextAllowed);
        if (now >= next && Interlocked.CompareExchange(ref _nextAllowed, now + (long)(interval.TotalSeconds * clock.TimestampFrequency), next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }

    /// <summary>The first <see cref="MaxSampleLength"/> characters of a frame, as UTF-8 text with control characters replaced.</summary>
    public static string Truncate(ReadOnlySpan<byte> frame)
    {
        var text = System.Text.Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, MaxSampleLength * 2)]);
        var chars = text.Length > MaxSampleLength ? text[..MaxSampleLength] + "…" : text;
        return string.Create(chars.Length, chars, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '·' : source[i];
            }
        });
    }
}
